// Package textlens is a small client for the textlens analysis service
// (textlens.v1.AnalysisService): it dials the server with the project's
// shared service config (retries on UNAVAILABLE, per-method timeouts) and
// wraps the RPCs of the generated package textlensv1.
//
// Every error a method returns comes from gRPC or mimics it: status.Code
// gives its code (codes.InvalidArgument, codes.NotFound,
// codes.ResourceExhausted...), and status.Convert(err).Message() the
// server's explanation.
package textlens

import (
	"context"
	"crypto/tls"
	_ "embed"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/textlens/textlens/clients/go/textlensv1"
)

// serviceConfig is clients/service-config.json, copied here by generate.sh.
//
//go:embed service_config.json
var serviceConfig string

// DefaultTimeout is the deadline a unary call gets when its context has none.
const DefaultTimeout = 30 * time.Second

// Client is a connection to a textlens server. It is safe for concurrent use;
// share one per server and Close it when done.
type Client struct {
	conn    *grpc.ClientConn
	api     textlensv1.AnalysisServiceClient
	timeout time.Duration
}

type options struct {
	creds    credentials.TransportCredentials
	timeout  time.Duration
	dialOpts []grpc.DialOption
}

// Option configures Dial.
type Option func(*options)

// WithTLS makes the client speak TLS with the given configuration; nil means
// the defaults (system roots, server name from the address).
func WithTLS(cfg *tls.Config) Option {
	return func(o *options) {
		if cfg == nil {
			cfg = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		o.creds = credentials.NewTLS(cfg)
	}
}

// WithTransportCredentials makes the client use the given transport
// credentials, e.g. from credentials.NewClientTLSFromFile.
func WithTransportCredentials(creds credentials.TransportCredentials) Option {
	return func(o *options) { o.creds = creds }
}

// WithInsecure makes the client speak plaintext, even to a server that is
// not on the loopback interface. Without any credential option, plaintext
// is used for loopback addresses (localhost, 127.0.0.0/8, ::1, Unix
// sockets) and TLS with the system roots for the others.
func WithInsecure() Option {
	return func(o *options) { o.creds = insecure.NewCredentials() }
}

// WithTimeout sets the deadline given to unary calls whose context has none
// (DefaultTimeout unless set); zero or less leaves such calls to the
// per-method timeouts of the service config. Streams never get it.
func WithTimeout(d time.Duration) Option {
	return func(o *options) { o.timeout = d }
}

// WithDialOptions passes extra options to grpc.NewClient, after the
// client's own (credentials and service config), which they can override.
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(o *options) { o.dialOpts = append(o.dialOpts, opts...) }
}

// Dial connects to the textlens server at addr ("host:port", or any gRPC
// target such as "dns:///host:port" or "unix:///path") and checks that it
// answers GetServerInfo before ctx is done. The check retries while the
// server is UNAVAILABLE, as the service config says; its error, if any, is
// returned with the gRPC status code of the failure.
func Dial(ctx context.Context, addr string, opts ...Option) (*Client, error) {
	o := options{timeout: DefaultTimeout}
	for _, opt := range opts {
		opt(&o)
	}
	if o.creds == nil {
		if isLoopback(addr) {
			o.creds = insecure.NewCredentials()
		} else {
			o.creds = credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})
		}
	}
	dialOpts := append([]grpc.DialOption{
		grpc.WithTransportCredentials(o.creds),
		grpc.WithDefaultServiceConfig(serviceConfig),
	}, o.dialOpts...)
	conn, err := grpc.NewClient(addr, dialOpts...)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "textlens: dial %s: %v", addr, err)
	}
	c := &Client{conn: conn, api: textlensv1.NewAnalysisServiceClient(conn), timeout: o.timeout}
	if _, err := c.ServerInfo(ctx); err != nil {
		conn.Close()
		return nil, fmt.Errorf("textlens: dial %s: %w", addr, err)
	}
	return c, nil
}

// isLoopback reports whether the gRPC target addr names this machine: a
// loopback host or IP, or a Unix socket.
func isLoopback(addr string) bool {
	if strings.HasPrefix(addr, "unix:") || strings.HasPrefix(addr, "unix-abstract:") {
		return true
	}
	for _, scheme := range []string{"dns:///", "passthrough:///"} {
		addr = strings.TrimPrefix(addr, scheme)
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		host = addr
	}
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Close closes the connection; calls in progress fail with codes.Canceled.
func (c *Client) Close() error {
	return c.conn.Close()
}

// Service returns the generated client, for calls that need gRPC call
// options or metadata. It shares the connection and the service config,
// but not the default timeout.
func (c *Client) Service() textlensv1.AnalysisServiceClient {
	return c.api
}

// withTimeout gives ctx the client's default timeout when it has no deadline.
func (c *Client) withTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	if _, ok := ctx.Deadline(); ok || c.timeout <= 0 {
		return ctx, func() {}
	}
	return context.WithTimeout(ctx, c.timeout)
}

// TextRequest builds the request to analyze text, given as UTF-8, with the
// named analyzers at their defaults (every loaded analyzer when none is
// named). id is echoed in the response and keys the answers of a stream; it
// may be empty for Analyze.
func TextRequest(id, text string, analyzers ...string) *textlensv1.AnalyzeRequest {
	req := &textlensv1.AnalyzeRequest{
		Document: &textlensv1.Document{
			Id:     id,
			Source: &textlensv1.Document_Text{Text: text},
		},
	}
	for _, name := range analyzers {
		req.Analyzers = append(req.Analyzers, &textlensv1.AnalyzerSpec{Name: name})
	}
	return req
}

// Analyze analyzes one document. An analyzer that fails does not fail the
// call: its AnalyzerResult carries a non-OK status instead.
func (c *Client) Analyze(ctx context.Context, req *textlensv1.AnalyzeRequest) (*textlensv1.AnalyzeResponse, error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	return c.api.Analyze(ctx, req)
}

// AnalyzeText analyzes text with the named analyzers at their defaults, or
// with every loaded analyzer when none is named. Read the results with the
// getters of their oneof: GetSummary, GetEntities, GetStance.
func (c *Client) AnalyzeText(ctx context.Context, text string, analyzers ...string) (*textlensv1.AnalyzeResponse, error) {
	return c.Analyze(ctx, TextRequest("", text, analyzers...))
}

// BatchAnalyze analyzes several documents in one call, at most
// ServerInfo.MaxBatchSize. Each document gets its own status, and
// results[i] answers requests[i]; the call itself fails only when the whole
// batch is refused.
func (c *Client) BatchAnalyze(ctx context.Context, req *textlensv1.BatchAnalyzeRequest) (*textlensv1.BatchAnalyzeResponse, error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	return c.api.BatchAnalyze(ctx, req)
}

// AnalyzeStream opens a stream of documents: Send AnalyzeRequests, then
// CloseSend, and Recv the answers, keyed by Document.id and in any order,
// until io.EOF. The stream lives as long as ctx (and the service config's
// timeout) allows; the client's default timeout does not apply. AnalyzeAll
// does all of this for a slice of requests.
func (c *Client) AnalyzeStream(ctx context.Context) (textlensv1.AnalysisService_AnalyzeStreamClient, error) {
	return c.api.AnalyzeStream(ctx)
}

// AnalyzeAll sends reqs on one stream while it receives the answers, and
// returns them by Document.id. Every request needs an id of its own;
// otherwise AnalyzeAll fails with codes.InvalidArgument before sending. A
// document the server could not analyze has a non-OK Status in its answer;
// an error means the stream itself failed.
func (c *Client) AnalyzeAll(ctx context.Context, reqs []*textlensv1.AnalyzeRequest) (map[string]*textlensv1.AnalyzeStreamResponse, error) {
	seen := make(map[string]bool, len(reqs))
	for i, req := range reqs {
		id := req.GetDocument().GetId()
		if id == "" {
			return nil, status.Errorf(codes.InvalidArgument, "textlens: requests[%d].document.id is empty; a stream keys its answers by it", i)
		}
		if seen[id] {
			return nil, status.Errorf(codes.InvalidArgument, "textlens: requests[%d].document.id %q is used twice", i, id)
		}
		seen[id] = true
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := c.api.AnalyzeStream(ctx)
	if err != nil {
		return nil, err
	}
	sent := make(chan error, 1)
	go func() {
		for _, req := range reqs {
			if err := stream.Send(req); err != nil {
				// io.EOF: the server ended the stream; Recv tells why.
				sent <- err
				return
			}
		}
		sent <- stream.CloseSend()
	}()

	answers := make(map[string]*textlensv1.AnalyzeStreamResponse, len(reqs))
	for {
		resp, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			cancel()
			<-sent
			return nil, err
		}
		answers[resp.GetDocumentId()] = resp
	}
	if err := <-sent; err != nil && err != io.EOF {
		return nil, err
	}
	if len(answers) != len(reqs) {
		return answers, status.Errorf(codes.Internal, "textlens: the stream ended with %d answers for %d documents", len(answers), len(reqs))
	}
	return answers, nil
}

// ListAnalyzers lists the analyzers the server knows, sorted by name: the
// loaded ones, and those that failed to load with their LoadStatus.
func (c *Client) ListAnalyzers(ctx context.Context) ([]*textlensv1.AnalyzerInfo, error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	resp, err := c.api.ListAnalyzers(ctx, &textlensv1.ListAnalyzersRequest{})
	if err != nil {
		return nil, err
	}
	return resp.GetAnalyzers(), nil
}

// ServerInfo describes the server: its version and its limits
// (MaxDocumentBytes, MaxContentBytes, MaxBatchSize...).
func (c *Client) ServerInfo(ctx context.Context) (*textlensv1.ServerInfo, error) {
	ctx, cancel := c.withTimeout(ctx)
	defer cancel()
	return c.api.GetServerInfo(ctx, &textlensv1.GetServerInfoRequest{})
}
