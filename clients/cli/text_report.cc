#include "clients/cli/text_report.h"

#include <map>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace textlens::clients::cli {
namespace {

using Describe = std::function<std::string(const google::protobuf::Any&)>;

// ANSI styling that turns into nothing when colour is off.
class Style {
 public:
  explicit Style(bool on) : on_(on) {}
  std::string Heading(absl::string_view text) const {
    return Wrap("1;36", text);
  }
  std::string Bold(absl::string_view text) const { return Wrap("1", text); }
  std::string Dim(absl::string_view text) const { return Wrap("2", text); }
  std::string Good(absl::string_view text) const { return Wrap("32", text); }
  std::string Bad(absl::string_view text) const { return Wrap("31", text); }
  std::string Accent(absl::string_view text) const { return Wrap("33", text); }

 private:
  std::string Wrap(absl::string_view code, absl::string_view text) const {
    if (!on_) return std::string(text);
    return absl::StrCat("\x1b[", code, "m", text, "\x1b[0m");
  }
  bool on_;
};

// "PERSON" for ENTITY_TYPE_PERSON: the enum value without its type prefix.
std::string ShortName(const std::string& name, absl::string_view prefix) {
  return std::string(absl::StripPrefix(name, prefix));
}

std::string DocumentSection(const textlens::v1::AnalyzeResponse& response,
                            const Style& style) {
  const auto& info = response.document_info();
  std::string out =
      style.Bold(response.document_id().empty() ? std::string("(document)")
                                                : response.document_id());
  absl::StrAppend(&out, "\n");
  if (!info.title().empty()) {
    absl::StrAppend(&out, "  Title     ", style.Bold(info.title()), "\n");
  }
  if (!info.author().empty()) {
    absl::StrAppend(&out, "  Author    ", info.author(), "\n");
  }
  if (!info.published().empty()) {
    absl::StrAppend(&out, "  Published ", info.published(), "\n");
  }
  if (!info.headings().empty()) {
    absl::StrAppend(&out, "  Headings  ", absl::StrJoin(info.headings(), " · "),
                    "\n");
  }
  absl::StrAppend(&out, "  Type      ", info.content_type(),
                  info.charset().empty() ? "" : " (" + info.charset() + ")",
                  "\n");
  const auto& language = response.language();
  absl::StrAppend(
      &out, "  Language  ", language.code(),
      absl::StrFormat(
          " (%.2f, %s)", language.confidence(),
          language.source() == textlens::v1::Language::SOURCE_PROVIDED
              ? "provided"
              : "detected"),
      "\n");
  return out;
}

std::string SummarySection(const textlens::v1::Summary& summary,
                           const Style& style) {
  std::string out = absl::StrCat(
      style.Heading("Summary"),
      style.Dim(absl::StrCat("  ", summary.sentences_size(), " of ",
                             summary.document_sentence_count(), " sentences")),
      "\n");
  int number = 0;
  for (const auto& sentence : summary.sentences()) {
    absl::StrAppend(&out, "  ", ++number, ". ", sentence.text(), "\n");
  }
  std::vector<std::string> phrases;
  for (const auto& phrase : summary.key_phrases()) {
    phrases.push_back(phrase.text());
  }
  if (!phrases.empty()) {
    absl::StrAppend(&out, "  ", style.Bold("Key phrases"), " ",
                    absl::StrJoin(phrases, ", "), "\n");
  }
  return out;
}

std::string EntitiesSection(const textlens::v1::Entities& entities,
                            const Style& style) {
  std::map<int, std::vector<const textlens::v1::Entity*>> by_type;
  for (const auto& entity : entities.entities()) {
    by_type[entity.type()].push_back(&entity);
  }
  std::string out =
      absl::StrCat(style.Heading("Entities"),
                   style.Dim(absl::StrCat("  ", entities.entities_size(),
                                          " in ", by_type.size(), " types")),
                   "\n");
  for (const auto& [type, members] : by_type) {
    std::vector<std::string> names;
    for (const auto* entity : members) {
      names.push_back(absl::StrCat(entity->canonical_name(), " ×",
                                   entity->mentions_size()));
    }
    const std::string label = absl::StrFormat(
        "%-16s",
        absl::StrCat(ShortName(textlens::v1::EntityType_Name(
                                   static_cast<textlens::v1::EntityType>(type)),
                               "ENTITY_TYPE_"),
                     " (", members.size(), ")"));
    absl::StrAppend(&out, "  ", style.Accent(label), " ",
                    absl::StrJoin(names, ", "), "\n");
  }
  return out;
}

std::string StanceLabel(const textlens::v1::Stance& stance,
                        const Style& style) {
  const std::string label = ShortName(
      textlens::v1::StanceLabel_Name(stance.label()), "STANCE_LABEL_");
  if (stance.label() == textlens::v1::STANCE_LABEL_PRO_OPEN) {
    return style.Good(label);
  }
  if (stance.label() == textlens::v1::STANCE_LABEL_PRO_CLOSED) {
    return style.Bad(label);
  }
  return style.Bold(label);
}

std::string StanceSection(const textlens::v1::Stance& stance,
                          const Style& style) {
  std::string out =
      absl::StrCat(style.Heading("Stance"), "  ", StanceLabel(stance, style),
                   absl::StrFormat("  score %+.2f  confidence %.2f\n",
                                   stance.score(), stance.confidence()));
  for (const auto& evidence : stance.evidence()) {
    const std::string target =
        ShortName(textlens::v1::Side_Name(evidence.target()), "SIDE_");
    absl::StrAppend(
        &out, "  ",
        style.Dim(absl::StrFormat("[%s %+.2f]", target, evidence.polarity())),
        " ", evidence.text(), "\n");
  }
  return out;
}

// A third-party result: its type, then its JSON.
std::string ExtensionSection(const textlens::v1::AnalyzerResult& result,
                             const Style& style, const Describe& describe) {
  const std::string& url = result.extension().type_url();
  return absl::StrCat(style.Heading(result.analyzer()), "  ",
                      style.Dim(url.substr(url.rfind('/') + 1)), "\n  ",
                      describe(result.extension()), "\n");
}

// One analyzer's section: its result, or its error, then its warnings.
std::string ResultSection(const textlens::v1::AnalyzerResult& result,
                          const Style& style, const Describe& describe) {
  std::string out;
  if (result.status().code() != 0) {
    out = absl::StrCat(
        style.Heading(result.analyzer()), "  ",
        style.Bad(absl::StrCat("failed: ", result.status().message(), " (code ",
                               result.status().code(), ")")),
        "\n");
  } else if (result.has_summary()) {
    out = SummarySection(result.summary(), style);
  } else if (result.has_entities()) {
    out = EntitiesSection(result.entities(), style);
  } else if (result.has_stance()) {
    out = StanceSection(result.stance(), style);
  } else if (result.has_extension()) {
    out = ExtensionSection(result, style, describe);
  } else {
    out = absl::StrCat(style.Heading(result.analyzer()), "\n");
  }
  for (const auto& warning : result.warnings()) {
    absl::StrAppend(&out, "  ", style.Accent("warning:"), " ", warning, "\n");
  }
  return out;
}

}  // namespace

std::string TextReport(const textlens::v1::AnalyzeResponse& response,
                       bool color, const Describe& describe) {
  const Style style(color);
  std::string out = DocumentSection(response, style);
  for (const auto& result : response.results()) {
    absl::StrAppend(&out, "\n", ResultSection(result, style, describe));
  }
  return out;
}

}  // namespace textlens::clients::cli
