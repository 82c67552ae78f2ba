// TLS, mutual TLS and bearer tokens on the real server, with certificates
// the test makes with openssl; and the concurrency limits under a burst.
#include <grpcpp/grpcpp.h>
#include <sys/stat.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/integration/server_process.h"
#include "textlens/v1/service.grpc.pb.h"

namespace textlens::tests {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A CA, a server certificate for 127.0.0.1 signed by it, a client
// certificate signed by it, and a client certificate signed by nobody.
class Certificates {
 public:
  Certificates() {
    dir_ = std::filesystem::temp_directory_path() /
           ("textlens_tls_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ / "server.ext")
        << "subjectAltName=IP:127.0.0.1,DNS:localhost\n";
    Run({"req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", Path("ca.key"),
         "-out", Path("ca.pem"), "-days", "2", "-subj",
         "/CN=textlens test CA"});
    Signed("server", "/CN=localhost", Path("server.ext"));
    Signed("client", "/CN=textlens test client", "");
    Run({"req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
         Path("stranger.key"), "-out", Path("stranger.pem"), "-days", "2",
         "-subj", "/CN=stranger"});
  }
  ~Certificates() { std::filesystem::remove_all(dir_); }

  std::string Path(const std::string& name) const { return dir_ / name; }
  std::string Pem(const std::string& name) const {
    return ReadFile(dir_ / name);
  }

 private:
  void Run(std::vector<std::string> args) {
    args.insert(args.begin(), "openssl");
    const CommandResult result = RunCommand(args);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
  void Signed(const std::string& name, const std::string& subject,
              const std::string& extensions) {
    Run({"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", Path(name + ".key"), "-out", Path(name + ".csr"),
         "-subj", subject});
    std::vector<std::string> sign = {"x509",
                                     "-req",
                                     "-in",
                                     Path(name + ".csr"),
                                     "-CA",
                                     Path("ca.pem"),
                                     "-CAkey",
                                     Path("ca.key"),
                                     "-CAcreateserial",
                                     "-out",
                                     Path(name + ".pem"),
                                     "-days",
                                     "2"};
    if (!extensions.empty()) {
      sign.push_back("-extfile");
      sign.push_back(extensions);
    }
    Run(sign);
  }

  std::filesystem::path dir_;
};

// GetServerInfo through `credentials`, with `token` when not empty.
grpc::Status Call(const ServerProcess& server,
                  std::shared_ptr<grpc::ChannelCredentials> credentials,
                  const std::string& token = "") {
  auto stub = textlens::v1::AnalysisService::NewStub(
      grpc::CreateChannel(server.address(), credentials));
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::seconds(10));
  if (!token.empty()) context.AddMetadata("authorization", token);
  textlens::v1::ServerInfo info;
  return stub->GetServerInfo(&context, {}, &info);
}

std::shared_ptr<grpc::ChannelCredentials> Tls(const Certificates& certs,
                                              const std::string& ca,
                                              const std::string& client = "") {
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = certs.Pem(ca);
  if (!client.empty()) {
    options.pem_private_key = certs.Pem(client + ".key");
    options.pem_cert_chain = certs.Pem(client + ".pem");
  }
  return grpc::SslCredentials(options);
}

TEST(SecurityTest, ServesTlsToClientsThatTrustItsCertificate) {
  Certificates certs;
  ServerProcess server({"--tls_cert_file=" + certs.Path("server.pem"),
                        "--tls_key_file=" + certs.Path("server.key")});
  EXPECT_TRUE(Call(server, Tls(certs, "ca.pem")).ok());
  // A client that does not trust the certificate, and a plaintext one.
  EXPECT_EQ(Call(server, Tls(certs, "stranger.pem")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Call(server, grpc::InsecureChannelCredentials()).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(server.Stop(), 0);
}

TEST(SecurityTest, MutualTlsRequiresAClientCertificateFromTheCa) {
  Certificates certs;
  ServerProcess server({"--tls_cert_file=" + certs.Path("server.pem"),
                        "--tls_key_file=" + certs.Path("server.key"),
                        "--tls_client_ca_file=" + certs.Path("ca.pem")});
  EXPECT_TRUE(Call(server, Tls(certs, "ca.pem", "client")).ok());
  EXPECT_EQ(Call(server, Tls(certs, "ca.pem")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(Call(server, Tls(certs, "ca.pem", "stranger")).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(server.Stop(), 0);
}

TEST(SecurityTest, BearerTokensGuardTheServiceButNotHealth) {
  const std::filesystem::path tokens =
      std::filesystem::temp_directory_path() /
      ("textlens_tokens_" + std::to_string(::getpid()));
  std::ofstream(tokens) << "# rotated monthly\nold-token-1\n\nnew-token-2\n";
  ::chmod(tokens.c_str(), 0644);
  // Readable by others: refused at start, naming the file and the fix.
  const CommandResult refused =
      RunCommand({TEXTLENSD_BINARY, "--listen=127.0.0.1:0",
                  "--auth_token_file=" + tokens.string()});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_THAT(refused.out + refused.err, HasSubstr("chmod 600"));

  ::chmod(tokens.c_str(), 0600);
  ServerProcess server({"--auth_token_file=" + tokens.string()});
  const auto plain = grpc::InsecureChannelCredentials();
  grpc::Status missing = Call(server, plain);
  EXPECT_EQ(missing.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(missing.error_message(), HasSubstr("authorization: Bearer"));
  grpc::Status wrong = Call(server, plain, "Bearer new-token-3");
  EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_THAT(wrong.error_message(), HasSubstr("not valid"));
  EXPECT_EQ(Call(server, plain, "Basic bmV3LXRva2VuLTI=").error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_TRUE(Call(server, plain, "Bearer new-token-2").ok());
  EXPECT_TRUE(Call(server, plain, "Bearer old-token-1").ok());

  // Probes need no token.
  grpc::health::v1::HealthCheckResponse health;
  grpc::ClientContext context;
  EXPECT_TRUE(grpc::health::v1::Health::NewStub(
                  grpc::CreateChannel(server.address(), plain))
                  ->Check(&context, {}, &health)
                  .ok());
  EXPECT_EQ(health.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  EXPECT_EQ(server.Stop(), 0);
  std::filesystem::remove(tokens);
}

// Resident memory of `pid` in KiB, from /proc.
long ResidentKib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

TEST(OverloadTest, ABurstBeyondCapacityIsAnsweredOkOrResourceExhausted) {
  ServerProcess server({"--worker_threads=1", "--max_queued_tasks=2",
                        "--max_concurrent_calls=4"});
  std::string article;
  for (int i = 0; i < 40; ++i) {
    article +=
        "Mistral AI publie un modèle ouvert sous licence Apache 2.0, et "
        "OpenAI garde le sien fermé. ";
  }
  constexpr int kClients = 24;
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  std::atomic<int> ok{0}, exhausted{0}, other{0};
  std::atomic<long> peak_kib{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&] {
      auto stub = textlens::v1::AnalysisService::NewStub(grpc::CreateChannel(
          server.address(), grpc::InsecureChannelCredentials()));
      textlens::v1::AnalyzeRequest request;
      request.mutable_document()->set_text(article);
      while (std::chrono::steady_clock::now() < until) {
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() +
                             std::chrono::seconds(30));
        textlens::v1::AnalyzeResponse response;
        const grpc::Status status = stub->Analyze(&context, request, &response);
        if (status.ok()) {
          ++ok;
        } else if (status.error_code() ==
                   grpc::StatusCode::RESOURCE_EXHAUSTED) {
          // Refused by the admission limit, or by gRPC's thread quota
          // when even the refusals have no thread left.
          EXPECT_THAT(status.error_message(),
                      AnyOf(HasSubstr("retry later"),
                            HasSubstr("Threadpool Exhausted")));
          ++exhausted;
        } else {
          ADD_FAILURE() << status.error_code() << " " << status.error_message();
          ++other;
        }
      }
    });
  }
  while (std::chrono::steady_clock::now() < until) {
    peak_kib = std::max(peak_kib.load(), ResidentKib(server.pid()));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (auto& client : clients) client.join();
  std::printf(
      "burst of %d clients for 3 s at 4 calls in flight: %d OK, %d "
      "RESOURCE_EXHAUSTED, %d other; peak resident memory %ld MiB\n",
      kClients, ok.load(), exhausted.load(), other.load(),
      peak_kib.load() / 1024);
  EXPECT_GT(ok.load(), 0);
  EXPECT_GT(exhausted.load(), 0);
  EXPECT_EQ(other.load(), 0);
  // Still serving, and stops cleanly.
  textlens::v1::ServerInfo info;
  grpc::ClientContext context;
  EXPECT_TRUE(textlens::v1::AnalysisService::NewStub(
                  grpc::CreateChannel(server.address(),
                                      grpc::InsecureChannelCredentials()))
                  ->GetServerInfo(&context, {}, &info)
                  .ok());
  EXPECT_EQ(server.Stop(), 0);
}

}  // namespace
}  // namespace textlens::tests
