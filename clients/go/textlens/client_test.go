package textlens

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/textlens/textlens/clients/go/textlensv1"
)

// The limits the test server is started with.
const (
	maxDocumentBytes = 20000
	maxContentBytes  = 40000
)

var (
	// repoRoot is the textlens repository: this package is clients/go/textlens.
	repoRoot string
	// serverAddr is the address of the server TestMain started.
	serverAddr string
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		fmt.Fprintln(os.Stderr, "textlens tests:", err)
		return 1
	}
	repoRoot = root
	bin := os.Getenv("TEXTLENSD")
	if bin == "" {
		bin = filepath.Join(repoRoot, "build", "dev", "bin", "textlensd")
	}
	srv, err := startServer(bin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "textlens tests:", err)
		return 1
	}
	defer srv.stop()
	serverAddr = srv.addr
	return m.Run()
}

// server is a textlensd process started for the tests.
type server struct {
	cmd  *exec.Cmd
	addr string
	done chan struct{} // closed once its output is drained
	mu   sync.Mutex
	log  []string // its last lines of output
}

var portLine = regexp.MustCompile(`textlensd listening on port (\d+)`)

// startServer starts bin on a free loopback port and waits until it serves.
// The binary may be missing or half-written for a while when it is being
// rebuilt, so missing binaries and failed starts are retried for a minute.
func startServer(bin string) (*server, error) {
	deadline := time.Now().Add(time.Minute)
	for {
		srv, err := tryStartServer(bin)
		if err == nil {
			return srv, nil
		}
		if time.Now().After(deadline) {
			return nil, fmt.Errorf("starting %s (set TEXTLENSD to another binary): %w", bin, err)
		}
		time.Sleep(2 * time.Second)
	}
}

func tryStartServer(bin string) (*server, error) {
	if _, err := os.Stat(bin); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin,
		"--listen=127.0.0.1:0",
		fmt.Sprintf("--max_document_bytes=%d", maxDocumentBytes),
		fmt.Sprintf("--max_content_bytes=%d", maxContentBytes))
	cmd.Stderr = os.Stderr
	setParentDeathSignal(cmd)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	srv := &server{cmd: cmd, done: make(chan struct{})}
	port := make(chan string, 1)
	go func() {
		// Read all of its output, so the server never blocks on a full pipe.
		defer close(srv.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			line := sc.Text()
			if m := portLine.FindStringSubmatch(line); m != nil {
				select {
				case port <- m[1]:
				default:
				}
			}
			srv.mu.Lock()
			srv.log = append(srv.log, line)
			if len(srv.log) > 50 {
				srv.log = srv.log[1:]
			}
			srv.mu.Unlock()
		}
	}()
	select {
	case p := <-port:
		srv.addr = net.JoinHostPort("127.0.0.1", p)
		return srv, nil
	case <-srv.done:
		err := cmd.Wait()
		return nil, fmt.Errorf("exited before serving (%v): %s", err, srv.output())
	case <-time.After(30 * time.Second):
		srv.stop()
		return nil, fmt.Errorf("no port line after 30 s: %s", srv.output())
	}
}

// output returns the server's last lines of output.
func (s *server) output() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return strings.Join(s.log, "\n")
}

// stop ends the server: SIGTERM (os.Interrupt), then a kill after 10 s.
func (s *server) stop() {
	_ = s.cmd.Process.Signal(os.Interrupt)
	exited := make(chan struct{})
	go func() {
		<-s.done
		_ = s.cmd.Wait()
		close(exited)
	}()
	select {
	case <-exited:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-exited
	}
}

// dial connects to the test server; the client is closed with the test.
func dial(t *testing.T) *Client {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := Dial(ctx, serverAddr)
	if err != nil {
		t.Fatalf("Dial(%s): %v", serverAddr, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// seedText returns seed article 000, a French article on DeepSeek, or skips
// the test when the shared corpus is not there.
func seedText(t *testing.T) (path, text string) {
	t.Helper()
	path = filepath.Join(repoRoot, "..", "shared", "corpus", "seeds", "000_c4b4a18fc829b693.txt")
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("seed article not found: %s", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	return path, string(b)
}

// checkOK fails the test unless every analyzer of resp succeeded.
func checkOK(t *testing.T, resp *textlensv1.AnalyzeResponse) {
	t.Helper()
	for _, r := range resp.GetResults() {
		if code := codes.Code(r.GetStatus().GetCode()); code != codes.OK {
			t.Errorf("analyzer %s: status %v: %s", r.GetAnalyzer(), code, r.GetStatus().GetMessage())
		}
	}
}

func TestAnalyzeSeed(t *testing.T) {
	_, text := seedText(t)
	c := dial(t)
	resp, err := c.AnalyzeText(context.Background(), text, "summarizer", "entities", "stance")
	if err != nil {
		t.Fatalf("AnalyzeText: %v", err)
	}
	checkOK(t, resp)
	if got := resp.GetLanguage().GetCode(); got != "fr" {
		t.Errorf("language = %q, want fr", got)
	}
	var names []string
	for _, r := range resp.GetResults() {
		names = append(names, r.GetAnalyzer())
	}
	if want := []string{"summarizer", "entities", "stance"}; !slices.Equal(names, want) {
		t.Fatalf("results of %v, want %v (the order asked for)", names, want)
	}

	summary := resp.GetResults()[0].GetSummary()
	if len(summary.GetSentences()) == 0 {
		t.Error("summary has no sentences")
	}
	for _, s := range summary.GetSentences() {
		if s.GetText() == "" || !strings.Contains(resp.GetText(), s.GetText()) {
			t.Errorf("summary sentence %q is not in the text", s.GetText())
		}
	}

	entities := resp.GetResults()[1].GetEntities().GetEntities()
	found := slices.ContainsFunc(entities, func(e *textlensv1.Entity) bool {
		return e.GetCanonicalName() == "DeepSeek" && e.GetType() == textlensv1.EntityType_ENTITY_TYPE_ORGANIZATION
	})
	if !found {
		t.Errorf("no DeepSeek organization among %d entities: %v", len(entities), entities)
	}

	stance := resp.GetResults()[2].GetStance()
	if stance == nil || stance.GetLabel() == textlensv1.StanceLabel_STANCE_LABEL_UNSPECIFIED {
		t.Errorf("no stance label: %v", stance)
	}
}

const (
	frenchText  = "DeepSeek a publié les poids de son modèle R1 sous licence MIT. La communauté open source salue cette décision."
	englishText = "OpenAI keeps the weights of GPT-4o closed. Many researchers argue that open models are better for science."
)

func TestBatchAnalyze(t *testing.T) {
	c := dial(t)
	resp, err := c.BatchAnalyze(context.Background(), &textlensv1.BatchAnalyzeRequest{
		Requests: []*textlensv1.AnalyzeRequest{
			TextRequest("fr-doc", frenchText, "entities"),
			TextRequest("en-doc", englishText, "entities"),
		},
	})
	if err != nil {
		t.Fatalf("BatchAnalyze: %v", err)
	}
	want := []struct{ id, lang, entity string }{
		{"fr-doc", "fr", "DeepSeek"},
		{"en-doc", "en", "OpenAI"},
	}
	if len(resp.GetResults()) != len(want) {
		t.Fatalf("%d results, want %d", len(resp.GetResults()), len(want))
	}
	for i, w := range want {
		item := resp.GetResults()[i]
		if item.GetIndex() != uint32(i) {
			t.Errorf("results[%d].index = %d", i, item.GetIndex())
		}
		if code := codes.Code(item.GetStatus().GetCode()); code != codes.OK {
			t.Errorf("results[%d]: status %v: %s", i, code, item.GetStatus().GetMessage())
			continue
		}
		r := item.GetResponse()
		checkOK(t, r)
		if r.GetDocumentId() != w.id || r.GetLanguage().GetCode() != w.lang {
			t.Errorf("results[%d]: document %q in %q, want %q in %q", i, r.GetDocumentId(), r.GetLanguage().GetCode(), w.id, w.lang)
		}
		if !hasEntity(r, w.entity) {
			t.Errorf("results[%d]: no entity %s", i, w.entity)
		}
	}
}

func hasEntity(resp *textlensv1.AnalyzeResponse, name string) bool {
	for _, r := range resp.GetResults() {
		for _, e := range r.GetEntities().GetEntities() {
			if e.GetCanonicalName() == name {
				return true
			}
		}
	}
	return false
}

func TestAnalyzeAll(t *testing.T) {
	c := dial(t)
	docs := map[string]string{
		"a": frenchText,
		"b": englishText,
		"c": "Mistral AI publie ses modèles en open source, à la différence d'Anthropic.",
	}
	want := map[string]string{"a": "DeepSeek", "b": "OpenAI", "c": "Mistral AI"}
	var reqs []*textlensv1.AnalyzeRequest
	for _, id := range []string{"a", "b", "c"} {
		reqs = append(reqs, TextRequest(id, docs[id], "entities", "stance"))
	}
	answers, err := c.AnalyzeAll(context.Background(), reqs)
	if err != nil {
		t.Fatalf("AnalyzeAll: %v", err)
	}
	if len(answers) != len(reqs) {
		t.Errorf("%d answers, want %d", len(answers), len(reqs))
	}
	for id, entity := range want {
		a, ok := answers[id]
		if !ok {
			t.Errorf("no answer for %q", id)
			continue
		}
		if code := codes.Code(a.GetStatus().GetCode()); code != codes.OK {
			t.Errorf("%q: status %v: %s", id, code, a.GetStatus().GetMessage())
			continue
		}
		checkOK(t, a.GetResponse())
		if got := a.GetResponse().GetDocumentId(); got != id {
			t.Errorf("answer %q has response for document %q", id, got)
		}
		if !hasEntity(a.GetResponse(), entity) {
			t.Errorf("%q: no entity %s", id, entity)
		}
	}
}

func TestAnalyzeAllNeedsIDs(t *testing.T) {
	c := dial(t)
	for name, reqs := range map[string][]*textlensv1.AnalyzeRequest{
		"empty id":     {TextRequest("", frenchText)},
		"duplicate id": {TextRequest("x", frenchText), TextRequest("x", englishText)},
	} {
		_, err := c.AnalyzeAll(context.Background(), reqs)
		if status.Code(err) != codes.InvalidArgument {
			t.Errorf("%s: got %v, want InvalidArgument", name, err)
		}
	}
}

// TestAnalyzeStream uses the typed stream directly: a document the server
// refuses gets its own status, and the stream goes on.
func TestAnalyzeStream(t *testing.T) {
	c := dial(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	stream, err := c.AnalyzeStream(ctx)
	if err != nil {
		t.Fatalf("AnalyzeStream: %v", err)
	}
	reqs := []*textlensv1.AnalyzeRequest{
		TextRequest("good", frenchText, "stance"),
		{Document: &textlensv1.Document{Id: "empty"}},
	}
	for _, r := range reqs {
		if err := stream.Send(r); err != nil {
			t.Fatalf("Send: %v", err)
		}
	}
	if err := stream.CloseSend(); err != nil {
		t.Fatalf("CloseSend: %v", err)
	}
	got := map[string]codes.Code{}
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Recv: %v", err)
		}
		got[resp.GetDocumentId()] = codes.Code(resp.GetStatus().GetCode())
	}
	want := map[string]codes.Code{"good": codes.OK, "empty": codes.InvalidArgument}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
}

func TestListAnalyzers(t *testing.T) {
	c := dial(t)
	infos, err := c.ListAnalyzers(context.Background())
	if err != nil {
		t.Fatalf("ListAnalyzers: %v", err)
	}
	want := map[string]string{
		"summarizer": "textlens.v1.Summary",
		"entities":   "textlens.v1.Entities",
		"stance":     "textlens.v1.Stance",
	}
	for _, info := range infos {
		resultType, ok := want[info.GetName()]
		if !ok {
			continue
		}
		delete(want, info.GetName())
		if code := codes.Code(info.GetLoadStatus().GetCode()); code != codes.OK {
			t.Errorf("%s did not load: %v: %s", info.GetName(), code, info.GetLoadStatus().GetMessage())
		}
		if info.GetResultType() != resultType {
			t.Errorf("%s returns %q, want %q", info.GetName(), info.GetResultType(), resultType)
		}
		if info.GetVersion() == "" {
			t.Errorf("%s has no version", info.GetName())
		}
	}
	for name := range want {
		t.Errorf("analyzer %s is not listed", name)
	}
}

func TestServerInfo(t *testing.T) {
	c := dial(t)
	info, err := c.ServerInfo(context.Background())
	if err != nil {
		t.Fatalf("ServerInfo: %v", err)
	}
	if info.GetMaxDocumentBytes() != maxDocumentBytes {
		t.Errorf("MaxDocumentBytes = %d, want %d", info.GetMaxDocumentBytes(), maxDocumentBytes)
	}
	if info.GetMaxContentBytes() != maxContentBytes {
		t.Errorf("MaxContentBytes = %d, want %d", info.GetMaxContentBytes(), maxContentBytes)
	}
	if info.GetVersion() == "" || info.GetAnalyzersLoaded() < 3 {
		t.Errorf("version %q with %d analyzers loaded", info.GetVersion(), info.GetAnalyzersLoaded())
	}
}

func TestErrors(t *testing.T) {
	c := dial(t)
	tests := []struct {
		name    string
		req     *textlensv1.AnalyzeRequest
		code    codes.Code
		message string
	}{
		{"no document", &textlensv1.AnalyzeRequest{}, codes.InvalidArgument, "document"},
		{"empty document", &textlensv1.AnalyzeRequest{Document: &textlensv1.Document{}}, codes.InvalidArgument, "document"},
		{"unknown analyzer", TextRequest("", frenchText, "nope"), codes.NotFound, "no analyzer named 'nope'"},
		{"too long", TextRequest("", strings.Repeat("a", 30000)), codes.ResourceExhausted, "20000"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Analyze(context.Background(), tt.req)
			if got := status.Code(err); got != tt.code {
				t.Fatalf("code %v (%v), want %v", got, err, tt.code)
			}
			if msg := status.Convert(err).Message(); !strings.Contains(msg, tt.message) {
				t.Errorf("message %q does not contain %q", msg, tt.message)
			}
		})
	}
}

func TestDialUnavailable(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := Dial(ctx, addr)
	if err == nil {
		c.Close()
		t.Fatalf("Dial(%s) succeeded with no server", addr)
	}
	if got := status.Code(err); got != codes.Unavailable {
		t.Errorf("Dial: code %v (%v), want Unavailable", got, err)
	}
}

func TestIsLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:50051":        true,
		"127.1.2.3:1":            true,
		"[::1]:50051":            true,
		"localhost:50051":        true,
		"dns:///localhost:50051": true,
		"unix:///tmp/textlens":   true,
		"10.0.0.5:50051":         false,
		"textlens.example:443":   false,
		"dns:///example.com:443": false,
	} {
		if got := isLoopback(addr); got != want {
			t.Errorf("isLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}

func TestServiceConfig(t *testing.T) {
	var cfg struct {
		MethodConfig []struct {
			Name []struct {
				Service string `json:"service"`
				Method  string `json:"method"`
			} `json:"name"`
			Timeout     string `json:"timeout"`
			RetryPolicy *struct {
				MaxAttempts          int      `json:"maxAttempts"`
				RetryableStatusCodes []string `json:"retryableStatusCodes"`
			} `json:"retryPolicy"`
		} `json:"methodConfig"`
	}
	if err := json.Unmarshal([]byte(serviceConfig), &cfg); err != nil {
		t.Fatalf("embedded service config: %v", err)
	}
	// Every method of the service retries UNAVAILABLE; the stream has no
	// timeout, so a long-lived stream is not cut.
	configured := map[string]bool{}
	for _, mc := range cfg.MethodConfig {
		for _, n := range mc.Name {
			if n.Service != "textlens.v1.AnalysisService" {
				continue
			}
			configured[n.Method] = true
			if p := mc.RetryPolicy; p == nil || p.MaxAttempts < 2 || !slices.Contains(p.RetryableStatusCodes, "UNAVAILABLE") {
				t.Errorf("%s is not retried on UNAVAILABLE: %+v", n.Method, p)
			}
			if n.Method == "AnalyzeStream" && mc.Timeout != "" {
				t.Errorf("AnalyzeStream has timeout %s; streams must not be cut", mc.Timeout)
			}
		}
	}
	for _, method := range []string{"Analyze", "BatchAnalyze", "AnalyzeStream", "ListAnalyzers", "GetServerInfo"} {
		if !configured[method] {
			t.Errorf("no method config for textlens.v1.AnalysisService/%s", method)
		}
	}

	// gRPC accepts it.
	conn, err := grpc.NewClient("passthrough:///unused",
		grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithDefaultServiceConfig(serviceConfig))
	if err != nil {
		t.Fatalf("grpc rejects the service config: %v", err)
	}
	conn.Close()

	// It is the canonical file's current copy (generate.sh makes it).
	canonical, err := os.ReadFile(filepath.Join(repoRoot, "clients", "service-config.json"))
	if err != nil {
		t.Skipf("canonical service config not found: %v", err)
	}
	if string(canonical) != serviceConfig {
		t.Error("service_config.json differs from clients/service-config.json; run clients/go/generate.sh")
	}
}

func TestExample(t *testing.T) {
	path, _ := seedText(t)
	exe := filepath.Join(t.TempDir(), "example")
	build := exec.Command("go", "build", "-o", exe, "../example")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ../example: %v\n%s", err, out)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	run := exec.CommandContext(ctx, exe, path)
	run.Env = append(os.Environ(), "TEXTLENS_ADDRESS="+serverAddr)
	out, err := run.CombinedOutput()
	if err != nil {
		t.Fatalf("example: %v\n%s", err, out)
	}
	for _, want := range []string{
		"language: fr\n",
		"summary: ",
		"entity: DeepSeek (ENTITY_TYPE_ORGANIZATION)\n",
		"stance: STANCE_LABEL_",
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("example output lacks %q:\n%s", want, out)
		}
	}
}

// TestReadmeExample checks that the README shows example/main.go as it is.
func TestReadmeExample(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	example, err := os.ReadFile(filepath.Join("..", "example", "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```go\n"+string(example)+"```\n") {
		t.Error("README.md does not show example/main.go as it is; paste it again")
	}
}
