#include "service/ingest/boilerplate.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"

namespace textlens::service::ingest {
namespace {

// Blocks ending the article text: a comments section starts here.
constexpr const char* kCommentsHeadings[] = {"commentaires", "comments",
                                             "commentaire", "comment",
                                             ("r\xC3\xA9"
                                              "actions")};
// Single blocks dropped wherever they are.
constexpr const char* kBoilerplateBlocks[] = {"ajouter un commentaire",
                                              "partager",
                                              "share",
                                              "leave a comment",
                                              "partager cet article",
                                              "share this article",
                                              "laisser un commentaire"};

// `text` lowercased without trailing ":" or a count ("Commentaires (3)",
// "12 commentaires").
std::string BoilerplateKey(std::string_view text) {
  std::string key =
      absl::AsciiStrToLower(absl::string_view(text.data(), text.size()));
  while (!key.empty() &&
         (key.back() == ':' || key.back() == ' ' || key.back() == ')' ||
          absl::ascii_isdigit(key.back()) || key.back() == '(')) {
    key.pop_back();
  }
  size_t start = 0;
  while (start < key.size() &&
         (absl::ascii_isdigit(key[start]) || key[start] == ' ')) {
    ++start;
  }
  return key.substr(start);
}

}  // namespace

bool OpensComments(std::string_view block, bool heading) {
  const std::string key = BoilerplateKey(block);
  for (const char* opening : kCommentsHeadings) {
    if (key == opening) return true;
  }
  return heading && (absl::StartsWith(key, "commentaires") ||
                     absl::StartsWith(key, "comments"));
}

bool IsBoilerplate(std::string_view block) {
  const std::string key = BoilerplateKey(block);
  for (const char* phrase : kBoilerplateBlocks) {
    if (key == phrase) return true;
  }
  return false;
}

}  // namespace textlens::service::ingest
