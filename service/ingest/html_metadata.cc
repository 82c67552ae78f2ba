#include "service/ingest/html_metadata.h"

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "nlohmann/json.hpp"
#include "service/ingest/text_metadata.h"

namespace textlens::service::ingest::html_internal {
namespace {

std::string JsonString(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::string JsonAuthor(const nlohmann::json& author) {
  if (author.is_string()) return author.get<std::string>();
  if (author.is_object() && author.contains("name")) {
    return JsonString(author["name"]);
  }
  if (author.is_array()) {
    std::vector<std::string> names;
    for (const auto& entry : author) {
      std::string name = JsonAuthor(entry);
      if (!name.empty()) names.push_back(std::move(name));
    }
    return absl::StrJoin(names, ", ");
  }
  return "";
}

// Reads headline, author and datePublished from a JSON-LD object, an array
// of them or an @graph. Iterative over the top levels only (JSON-LD nests
// little); nlohmann's parser itself bounds nothing, but the script text is
// part of the (already parsed) page.
void ReadJsonLd(const nlohmann::json& root, PageMetadata* metadata) {
  std::vector<const nlohmann::json*> stack = {&root};
  int visited = 0;
  while (!stack.empty() && ++visited < 1000) {
    const nlohmann::json* value = stack.back();
    stack.pop_back();
    if (value->is_array()) {
      for (auto it = value->rbegin(); it != value->rend(); ++it) {
        stack.push_back(&*it);
      }
      continue;
    }
    if (!value->is_object()) continue;
    if (value->contains("@graph")) stack.push_back(&(*value)["@graph"]);
    if (value->contains("headline")) {
      SetIfEmpty(&metadata->ld_headline, JsonString((*value)["headline"]));
    }
    if (value->contains("author") && value->contains("headline")) {
      SetIfEmpty(&metadata->ld_author, JsonAuthor((*value)["author"]));
    }
    if (value->contains("datePublished")) {
      SetIfEmpty(&metadata->ld_published,
                 JsonString((*value)["datePublished"]));
    }
    if (value->contains("publisher") && value->contains("headline")) {
      SetIfEmpty(&metadata->ld_publisher, JsonAuthor((*value)["publisher"]));
    }
    if (value->contains("url") && value->contains("headline")) {
      SetIfEmpty(&metadata->ld_url, JsonString((*value)["url"]));
    }
  }
}

std::string FirstNonEmpty(std::initializer_list<const std::string*> values) {
  for (const std::string* value : values) {
    if (!value->empty()) return *value;
  }
  return "";
}

}  // namespace

void SetIfEmpty(std::string* field, std::string value) {
  if (field->empty()) *field = std::move(value);
}

std::string Lower(std::string_view text) {
  return absl::AsciiStrToLower(absl::string_view(text.data(), text.size()));
}

const char* Attribute(const GumboElement& element, const char* name) {
  const GumboAttribute* attribute =
      gumbo_get_attribute(&element.attributes, name);
  return attribute == nullptr ? nullptr : attribute->value;
}

void ReadJsonLdScript(const GumboNode* script, PageMetadata* metadata) {
  std::string text;
  const GumboVector& children = script->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_CDATA ||
        child->type == GUMBO_NODE_WHITESPACE) {
      text += child->v.text.text;
    }
  }
  try {
    const nlohmann::json root =
        nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!root.is_discarded()) ReadJsonLd(root, metadata);
  } catch (const std::exception&) {
    // Invalid or surprising JSON-LD is ignored like any other bad markup.
  }
}

void ReadMeta(const GumboElement& element, PageMetadata* metadata) {
  const char* content = Attribute(element, "content");
  if (content == nullptr) return;
  const char* key = Attribute(element, "property");
  if (key == nullptr) key = Attribute(element, "name");
  if (key == nullptr) return;
  const std::string name = Lower(key);
  if (name == "og:title") {
    SetIfEmpty(&metadata->og_title, content);
  } else if (name == "author") {
    SetIfEmpty(&metadata->meta_author, content);
  } else if (name == "article:author") {
    // Often a profile URL rather than a name.
    if (!absl::StartsWith(content, "http")) {
      SetIfEmpty(&metadata->article_author, content);
    }
  } else if (name == "article:published_time") {
    SetIfEmpty(&metadata->article_published, content);
  } else if (name == "og:site_name") {
    SetIfEmpty(&metadata->og_site_name, content);
  } else if (name == "application-name") {
    SetIfEmpty(&metadata->application_name, content);
  } else if (name == "og:url") {
    SetIfEmpty(&metadata->og_url, content);
  }
}

void ReadLink(const GumboElement& element, PageMetadata* metadata) {
  const char* rel = Attribute(element, "rel");
  const char* href = Attribute(element, "href");
  if (rel != nullptr && href != nullptr && Lower(rel) == "canonical") {
    SetIfEmpty(&metadata->canonical_url, href);
  }
}

void ApplyPageMetadata(const PageMetadata& page, ConvertedText* converted) {
  converted->title = FirstNonEmpty(
      {&page.og_title, &page.ld_headline, &page.title_element, &page.first_h1});
  converted->author =
      FirstNonEmpty({&page.ld_author, &page.meta_author, &page.article_author});
  for (const std::string* date :
       {&page.ld_published, &page.article_published, &page.time_published}) {
    converted->published = ParseDate(*date);
    if (!converted->published.empty()) break;
  }
  converted->source = FirstNonEmpty(
      {&page.og_site_name, &page.ld_publisher, &page.application_name});
  converted->url =
      FirstNonEmpty({&page.canonical_url, &page.og_url, &page.ld_url});
}

}  // namespace textlens::service::ingest::html_internal
