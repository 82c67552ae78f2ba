#include "clients/cli/stream_run.h"

#include <cstdio>
#include <functional>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cli/documents.h"

namespace textlens::clients::cli {
namespace {

// Counts the documents of a stream and keeps the progress line. Thread-safe:
// the writer thread reports unreadable files, the reader thread answers.
class Tally {
 public:
  Tally(size_t total, bool progress)
      : total_(total), progress_(progress), start_(absl::Now()) {}

  // Counts an analyzed document; `print` writes it to standard output with
  // the progress line out of its way.
  void Succeeded(const std::function<void()>& print) {
    absl::MutexLock lock(&mu_);
    ClearLocked();
    print();
    ++done_;
    DrawLocked(/*force=*/false);
  }

  // Counts a failed document and reports it on standard error.
  void Failed(const std::string& what, int code, const std::string& message) {
    absl::MutexLock lock(&mu_);
    ClearLocked();
    ReportFailure(what, code, message);
    ++done_;
    ++failed_;
    DrawLocked(/*force=*/false);
  }

  // Counts the documents the stream never answered as failed, prints the
  // summary line and returns the exit status.
  int Summarize() {
    absl::MutexLock lock(&mu_);
    ClearLocked();
    if (done_ < total_) {
      std::fprintf(stderr, "textlens: %zu documents got no answer\n",
                   total_ - done_);
      failed_ += total_ - done_;
    }
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start_);
    std::fprintf(stderr,
                 "textlens: %zu documents: %zu analyzed, %zu failed, in %.2f s "
                 "(%.1f/s)\n",
                 total_, total_ - failed_, failed_, seconds,
                 seconds > 0 ? (total_ - failed_) / seconds : 0.0);
    return failed_ == 0 ? 0 : 1;
  }

 private:
  void ClearLocked() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (progress_ && drawn_) std::fputs("\r\x1b[K", stderr);
    drawn_ = false;
  }

  // Redraws at most ten times a second, and always for the last document.
  void DrawLocked(bool force) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) {
    if (!progress_) return;
    const absl::Time now = absl::Now();
    if (!force && done_ < total_ && now - last_draw_ < absl::Milliseconds(100))
      return;
    const double seconds = absl::ToDoubleSeconds(now - start_);
    std::fprintf(stderr, "\r\x1b[K%zu/%zu documents  %.1f/s  %zu errors", done_,
                 total_, seconds > 0 ? done_ / seconds : 0.0, failed_);
    std::fflush(stderr);
    drawn_ = true;
    last_draw_ = now;
  }

  absl::Mutex mu_;
  const size_t total_;
  const bool progress_;
  const absl::Time start_;
  size_t done_ ABSL_GUARDED_BY(mu_) = 0;
  size_t failed_ ABSL_GUARDED_BY(mu_) = 0;
  bool drawn_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time last_draw_ ABSL_GUARDED_BY(mu_) = absl::InfinitePast();
};

using Stream = grpc::ClientReaderWriter<textlens::v1::AnalyzeRequest,
                                        textlens::v1::AnalyzeStreamResponse>;

// The writer thread's work: one request per readable file, then the end.
void WriteRequests(Stream& stream, const textlens::v1::AnalyzeRequest& base,
                   const std::vector<std::string>& paths,
                   const std::string& content_type, Tally& tally) {
  for (const auto& path : paths) {
    absl::StatusOr<textlens::v1::AnalyzeRequest> request =
        RequestForPath(base, path, content_type);
    if (!request.ok()) {
      tally.Failed(path, static_cast<int>(request.status().code()),
                   std::string(request.status().message()));
      continue;
    }
    if (!stream.Write(*request)) break;  // the stream ended; Finish says why
  }
  stream.WritesDone();
}

}  // namespace

int RunStream(textlens::v1::AnalysisService::Stub& stub,
              const textlens::v1::AnalyzeRequest& base,
              const std::vector<std::string>& paths,
              const std::string& content_type, ResultPrinter& printer,
              bool progress) {
  Tally tally(paths.size(), progress);
  grpc::ClientContext context;
  std::unique_ptr<Stream> stream = stub.AnalyzeStream(&context);
  std::thread writer(
      [&] { WriteRequests(*stream, base, paths, content_type, tally); });
  textlens::v1::AnalyzeStreamResponse reply;
  while (stream->Read(&reply)) {
    if (reply.status().code() == 0) {
      tally.Succeeded([&] { printer.Print(reply.response()); });
    } else {
      tally.Failed(reply.document_id(), reply.status().code(),
                   reply.status().message());
    }
  }
  writer.join();
  printer.Finish();
  grpc::Status status = stream->Finish();
  if (!status.ok()) ReportFailure("stream", status);
  return tally.Summarize();
}

}  // namespace textlens::clients::cli
