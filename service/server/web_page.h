// The web page served at GET / by the HTTP gateway: its files (web/), compiled
// into the binary, so the page needs nothing at run time (no CDN, no build
// step).
//
// Thread-safe: immutable data.
#ifndef TEXTLENS_SERVICE_SERVER_WEB_PAGE_H_
#define TEXTLENS_SERVICE_SERVER_WEB_PAGE_H_

#include <optional>
#include <string_view>

namespace textlens::service::server {

struct WebFile {
  std::string_view content_type;
  std::string_view body;
};

// The page's file at `path` ("/", "/app.js", "/app.css"); nullopt for any
// other path.
std::optional<WebFile> FindWebFile(std::string_view path);

}  // namespace textlens::service::server

#endif  // TEXTLENS_SERVICE_SERVER_WEB_PAGE_H_
