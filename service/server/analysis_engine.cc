#include "service/server/analysis_engine.h"

#include <google/protobuf/arena.h>
#include <openssl/sha.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "service/common/status_macros.h"
#include "service/ingest/ingester.h"
#include "service/ingest/source_map.h"
#include "service/ingest/text_metadata.h"
#include "service/plugins/option_resolver.h"
#include "service/server/request_validator.h"
#include "service/server/span_converter.h"
#include "service/server/status_util.h"
#include "service/text/normalizer.h"
#include "service/text/offset_map.h"

namespace textlens::service::server {
namespace {

// Consecutive sentences of one language as segments of `response`; one
// segment in `language` when the caller provided it.
void AddLanguageSegments(const plugin::v1::PreparedDocument& prepared,
                         const textlens::v1::Language& language,
                         textlens::v1::AnalyzeResponse* response) {
  const bool provided =
      language.source() == textlens::v1::Language::SOURCE_PROVIDED;
  textlens::v1::LanguageSegment* segment = nullptr;
  int sentences_in_segment = 0;
  for (const auto& sentence : prepared.sentences()) {
    const std::string& code = provided ? language.code() : sentence.language();
    if (segment == nullptr || segment->language().code() != code) {
      if (segment != nullptr) {
        segment->mutable_language()->set_confidence(
            segment->language().confidence() / sentences_in_segment);
      }
      segment = response->add_language_segments();
      segment->mutable_span()->set_begin(sentence.begin());
      segment->mutable_language()->set_code(code);
      segment->mutable_language()->set_source(language.source());
      sentences_in_segment = 0;
    }
    segment->mutable_span()->set_end(sentence.end());
    segment->mutable_language()->set_confidence(
        segment->language().confidence() +
        (provided ? 1.0 : sentence.language_confidence()));
    ++sentences_in_segment;
  }
  if (segment != nullptr) {
    segment->mutable_language()->set_confidence(
        segment->language().confidence() / sentences_in_segment);
  }
}

// How the engine reads documents: PDFs in the reader process the
// configuration describes, at most as much text as a document may have.
ingest::IngestOptions IngestOptionsFor(const config::ServerConfig& config,
                                       ingest::ProcessSlots* pdf_slots,
                                       absl::Time deadline) {
  ingest::IngestOptions options;
  options.pdf.helper_path = config.pdf_helper;
  options.pdf.limits.max_pages = config.pdf_max_pages;
  options.pdf.limits.max_text_bytes = config.max_document_bytes;
  options.pdf.max_memory_bytes = config.pdf_max_memory_bytes;
  options.pdf.max_cpu_seconds = config.pdf_max_cpu_seconds;
  options.pdf.slots = pdf_slots;
  options.deadline = deadline;
  return options;
}

using textlens::v1::AnalyzerResult;
using textlens::v1::AnalyzerSpec;

std::string Sha256Hex(absl::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(),
         digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

std::string PrimaryLanguage(absl::string_view tag) {
  std::vector<absl::string_view> parts =
      absl::StrSplit(tag, absl::ByAnyChar("-_"));
  return absl::AsciiStrToLower(parts.empty() ? tag : parts[0]);
}

bool SupportsLanguage(const plugin::v1::PluginDescriptor& d,
                      const std::string& language) {
  if (d.languages().empty()) return true;
  for (const auto& l : d.languages()) {
    if (l == language) return true;
  }
  return false;
}

// The typed options of `spec` (a message field of its `options` oneof other
// than `generic`), or nullptr when it sets none. INVALID_ARGUMENT when they
// are not the options message the analyzer declares (`options_type` of its
// descriptor). The core knows no analyzer: the oneof and the descriptor say
// it all.
absl::StatusOr<const google::protobuf::Message*> TypedOptionsFor(
    const AnalyzerSpec& spec, const plugin::v1::PluginDescriptor& descriptor,
    absl::string_view field) {
  const google::protobuf::OneofDescriptor* oneof =
      AnalyzerSpec::descriptor()->FindOneofByName("options");
  const google::protobuf::FieldDescriptor* set =
      spec.GetReflection()->GetOneofFieldDescriptor(spec, oneof);
  if (set == nullptr) return nullptr;
  const std::string& type = set->message_type()->full_name();
  if (type != descriptor.options_type()) {
    return absl::InvalidArgumentError(absl::StrCat(
        field, ".", set->name(), ": these options are ", type, ", but ",
        spec.name(), " takes ",
        descriptor.options_type().empty() ? std::string("no typed options")
                                          : descriptor.options_type(),
        "; use `generic` options"));
  }
  return &spec.GetReflection()->GetMessage(spec, set);
}

// The field of AnalyzerResult's `result` oneof whose message is `type`, or
// nullptr (then the result travels as `extension`).
const google::protobuf::FieldDescriptor* TypedResultField(
    const google::protobuf::Descriptor* type) {
  const google::protobuf::OneofDescriptor* oneof =
      AnalyzerResult::descriptor()->FindOneofByName("result");
  for (int i = 0; i < oneof->field_count(); ++i) {
    const google::protobuf::FieldDescriptor* field = oneof->field(i);
    if (field->message_type() == type) return field;
  }
  return nullptr;
}

// Puts `bytes` (of `analyzer`'s result type) into `result`: its typed field
// when AnalyzerResult has one for the type, `extension` otherwise. Spans are
// converted.
absl::Status FillResult(const plugins::PluginRegistry& registry,
                        const std::string& analyzer, const std::string& bytes,
                        const text::OffsetMap& offsets,
                        textlens::v1::OffsetUnit unit, AnalyzerResult* result) {
  const auto* type = registry.ResultDescriptor(analyzer);
  google::protobuf::Message* target = nullptr;
  std::unique_ptr<google::protobuf::Message> dynamic;
  if (const auto* field = TypedResultField(type)) {
    target = result->GetReflection()->MutableMessage(result, field);
  } else {
    dynamic.reset(registry.Prototype(type)->New());
    target = dynamic.get();
  }
  if (!target->ParseFromString(bytes)) {
    result->clear_result();
    return absl::InternalError(absl::StrCat("analyzer ", analyzer,
                                            " returned bytes that are not a ",
                                            type->full_name()));
  }
  ConvertSpans(offsets, unit, target);
  if (dynamic != nullptr) {
    auto* any = result->mutable_extension();
    any->set_type_url(absl::StrCat("type.googleapis.com/", type->full_name()));
    any->set_value(dynamic->SerializeAsString());
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<AnalysisEngine>> AnalysisEngine::Create(
    const config::ServerConfig& config, const plugins::PluginCatalog* plugins,
    pipeline::WorkerPool* pool) {
  RETURN_IF_ERROR(config::Validate(config));
  ASSIGN_OR_RETURN(std::unique_ptr<text::DocumentPreparer> preparer,
                   text::DocumentPreparer::Create());
  return std::unique_ptr<AnalysisEngine>(
      new AnalysisEngine(config, plugins, pool, std::move(preparer)));
}

AnalysisEngine::AnalysisEngine(const config::ServerConfig& config,
                               const plugins::PluginCatalog* plugins,
                               pipeline::WorkerPool* pool,
                               std::unique_ptr<text::DocumentPreparer> preparer)
    : config_(config),
      plugins_(plugins),
      pool_(pool),
      preparer_(std::move(preparer)),
      pipeline_(pool),
      pdf_slots_(std::make_unique<ingest::ProcessSlots>(
          config.pdf_max_concurrent > 0
              ? config.pdf_max_concurrent
              : std::max(1u, std::thread::hardware_concurrency()))) {}

absl::StatusOr<std::vector<pipeline::AnalyzerRequest>>
AnalysisEngine::SelectAnalyzers(const textlens::v1::AnalyzeRequest& request,
                                const plugins::PluginRegistry& registry) const {
  std::vector<pipeline::AnalyzerRequest> selected;
  if (request.analyzers().empty()) {
    for (const auto& name : registry.Names()) {
      const auto analyzer = registry.Find(name);
      ASSIGN_OR_RETURN(auto options, plugins::ResolveOptions(
                                         analyzer->descriptor(), {}, name));
      selected.push_back({name, std::move(options)});
    }
    return selected;
  }
  std::set<std::string> seen;
  for (int i = 0; i < request.analyzers_size(); ++i) {
    const AnalyzerSpec& spec = request.analyzers(i);
    const std::string field = absl::StrCat("analyzers[", i, "]");
    if (spec.name().empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".name: an analyzer name is required"));
    }
    const auto analyzer = registry.Find(spec.name());
    if (analyzer == nullptr) {
      std::string known;
      for (const auto& name : registry.Names()) {
        absl::StrAppend(&known, known.empty() ? "" : ", ", name);
      }
      return absl::NotFoundError(absl::StrCat(
          field, ".name: no analyzer named '", spec.name(),
          "' is loaded (loaded: ", known.empty() ? "none" : known, ")"));
    }
    if (!seen.insert(spec.name()).second) {
      return absl::InvalidArgumentError(absl::StrCat(
          field, ".name: analyzer ", spec.name(), " is selected twice"));
    }
    const auto& d = analyzer->descriptor();
    plugins::OptionMap options;
    if (spec.options_case() == AnalyzerSpec::kGeneric) {
      ASSIGN_OR_RETURN(options,
                       plugins::ResolveGenericOptions(
                           d, spec.generic(), absl::StrCat(field, ".generic")));
    } else {
      ASSIGN_OR_RETURN(const google::protobuf::Message* typed,
                       TypedOptionsFor(spec, d, field));
      std::string options_field = field;
      if (typed != nullptr) {
        absl::StrAppend(&options_field, ".",
                        spec.GetDescriptor()
                            ->FindFieldByNumber(spec.options_case())
                            ->name());
      }
      ASSIGN_OR_RETURN(options,
                       plugins::ResolveTypedOptions(d, typed, options_field));
    }
    selected.push_back({spec.name(), std::move(options)});
  }
  return selected;
}

namespace {

// Checks what the whole request carries before anything reads it: its size
// (its options may be what is large), the document's presence, the offset
// unit, and the document's own fields.
absl::StatusOr<ValidatedDocument> ValidateRequest(
    const textlens::v1::AnalyzeRequest& request,
    const config::ServerConfig& config) {
  if (const size_t bytes = request.ByteSizeLong();
      bytes > config.max_request_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat("the request is ", bytes, " bytes; the limit is ",
                     config.max_request_bytes, " bytes (max_request_bytes)"));
  }
  if (!request.has_document()) {
    return absl::InvalidArgumentError("document: a document is required");
  }
  if (!textlens::v1::OffsetUnit_IsValid(request.offset_unit())) {
    return absl::InvalidArgumentError(
        absl::StrCat("offset_unit: unknown value ", request.offset_unit()));
  }
  return ValidateDocument(request.document(), config, "document");
}

// The document's text once read (HTML, Markdown, PDF, plain text) and
// normalized. INVALID_ARGUMENT when no text is left, RESOURCE_EXHAUSTED when
// it is over max_document_bytes.
absl::StatusOr<std::string> NormalizedText(
    const ValidatedDocument& validated,
    const ingest::IngestedDocument& ingested,
    const config::ServerConfig& config) {
  ASSIGN_OR_RETURN(std::string normalized,
                   text::NormalizeText(ingested.converted.text));
  if (absl::StripAsciiWhitespace(normalized).empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(validated.content_field, ": no text to analyze",
                     ingested.content_type == "text/plain"
                         ? ""
                         : absl::StrCat(" once the ", ingested.content_type,
                                        " content is read")));
  }
  if (normalized.size() > config.max_document_bytes) {
    return absl::ResourceExhaustedError(
        absl::StrCat(validated.content_field, " is ", normalized.size(),
                     " bytes once decoded and normalized; the limit is ",
                     config.max_document_bytes, " bytes"));
  }
  return normalized;
}

// The document's metadata, and its markup's title and headings marked so
// that they are never summary sentences.
void AddDocumentContext(const textlens::v1::Document& document,
                        const ingest::IngestedDocument& ingested,
                        plugin::v1::PreparedDocument* prepared) {
  for (const auto& [key, value] : document.metadata()) {
    (*prepared->mutable_metadata())[key] = value;
  }
  std::vector<std::string> headings;
  for (const std::string& heading : ingested.converted.headings) {
    auto normalized_heading = text::NormalizeText(heading);
    if (normalized_heading.ok()) headings.push_back(*normalized_heading);
  }
  auto normalized_title = text::NormalizeText(ingested.converted.title);
  if (normalized_title.ok()) headings.push_back(*normalized_title);
  ingest::MarkHeadingLines(headings, prepared);
}

// The response's language: the caller's, or the one detected.
void SetLanguage(const textlens::v1::Document& document,
                 const plugin::v1::PreparedDocument& prepared,
                 textlens::v1::Language* language) {
  if (document.language().empty()) {
    language->set_code(prepared.language());
    language->set_confidence(prepared.language_confidence());
    language->set_source(textlens::v1::Language::SOURCE_DETECTED);
  } else {
    language->set_code(document.language());
    language->set_confidence(1.0);
    language->set_source(textlens::v1::Language::SOURCE_PROVIDED);
  }
}

// Where the normalized text came from in the content as sent.
absl::Status AddSourceMap(const ingest::IngestedDocument& ingested,
                          const plugin::v1::PreparedDocument& prepared,
                          const text::OffsetMap& offsets,
                          textlens::v1::OffsetUnit unit,
                          textlens::v1::AnalyzeResponse* response) {
  ASSIGN_OR_RETURN(
      const std::vector<ingest::SourceSpan> source_map,
      ingest::MapToNormalizedText(ingested.converted, prepared.text()));
  for (const ingest::SourceSpan& span : source_map) {
    auto* segment = response->add_source_map();
    segment->mutable_text()->set_begin(span.text_begin);
    segment->mutable_text()->set_end(span.text_end);
    segment->set_source_begin(span.source_begin);
    segment->set_source_end(span.source_end);
    ConvertSpans(offsets, unit, segment);
  }
  return absl::OkStatus();
}

// The text's length in the caller's unit.
uint64_t TextLength(const text::OffsetMap& offsets,
                    textlens::v1::OffsetUnit unit) {
  switch (unit) {
    case textlens::v1::OFFSET_UNIT_UTF16_CODE_UNITS:
      return offsets.utf16_length();
    case textlens::v1::OFFSET_UNIT_CODE_POINTS:
      return offsets.code_point_length();
    default:
      return offsets.utf8_length();
  }
}

// What the markup said of the document; the opening lines fill what it
// lacks.
void FillDocumentInfo(const ingest::IngestedDocument& ingested,
                      const plugin::v1::PreparedDocument& prepared,
                      textlens::v1::DocumentInfo* info) {
  const ingest::TextMetadata found = ingest::ExtractTextMetadata(prepared);
  const ingest::ConvertedText& markup = ingested.converted;
  info->set_content_type(ingested.content_type);
  info->set_charset(ingested.charset);
  info->set_title(!markup.title.empty() ? markup.title : found.title);
  info->set_author(!markup.author.empty() ? markup.author : found.author);
  info->set_published(!markup.published.empty() ? markup.published
                                                : found.published);
  info->set_source(markup.source);
  info->set_url(markup.url);
  // HTML and Markdown mark their headings; plain text and PDF have lines.
  const bool marked_up = ingested.content_type == "text/html" ||
                         ingested.content_type == "text/markdown";
  for (const std::string& heading :
       marked_up ? markup.headings : found.headings) {
    info->add_headings(heading);
  }
}

// One analyzer's result: its status, warnings, timing and its typed result
// with spans in the caller's unit.
void AddResult(const plugins::PluginRegistry& registry,
               const std::string& primary_language,
               const text::OffsetMap& offsets, textlens::v1::OffsetUnit unit,
               pipeline::AnalyzerRun& run, AnalyzerResult* result) {
  result->set_analyzer(run.name);
  result->set_version(run.version);
  const auto analyzer = registry.Find(run.name);
  const bool supported =
      SupportsLanguage(analyzer->descriptor(), primary_language);
  result->set_language_supported(supported);
  if (!supported) {
    result->add_warnings(absl::StrCat("language '", primary_language,
                                      "' is not among the languages ", run.name,
                                      " supports; results may be poor"));
  }
  for (auto& warning : run.warnings) result->add_warnings(std::move(warning));
  result->set_elapsed_micros(
      static_cast<uint64_t>(absl::ToInt64Microseconds(run.elapsed)));
  absl::Status status = run.status;
  if (status.ok()) {
    status = FillResult(registry, run.name, run.result, offsets, unit, result);
  }
  *result->mutable_status() = ToProtoStatus(status);
}

}  // namespace

// The prepared document (thousands of small messages) lives on an arena
// freed at once with the call (none under ThreadSanitizer, which cannot
// follow the arena of the system's uninstrumented libprotobuf).
struct AnalysisEngine::Prepared {
#if defined(__SANITIZE_THREAD__)
  std::optional<google::protobuf::Arena> arena;
#else
  std::optional<google::protobuf::Arena> arena{
      std::in_place, [] {
        google::protobuf::ArenaOptions options;
        options.start_block_size = 16 << 10;
        options.max_block_size = 1 << 20;
        return options;
      }()};
#endif
  plugin::v1::PreparedDocument* document =
      google::protobuf::Arena::CreateMessage<plugin::v1::PreparedDocument>(
          arena ? &*arena : nullptr);
  std::unique_ptr<plugin::v1::PreparedDocument> owned{arena ? nullptr
                                                            : document};
  ingest::IngestedDocument ingested;
};

absl::Status AnalysisEngine::Prepare(const textlens::v1::Document& document,
                                     const ValidatedDocument& validated,
                                     absl::Time deadline,
                                     Prepared* prepared) const {
  ASSIGN_OR_RETURN(
      prepared->ingested,
      ingest::Ingest(
          std::string_view(validated.content.data(), validated.content.size()),
          validated.content_type, validated.charset, validated.content_field,
          IngestOptionsFor(config_, pdf_slots_.get(), deadline)));
  ASSIGN_OR_RETURN(std::string normalized,
                   NormalizedText(validated, prepared->ingested, config_));
  RETURN_IF_ERROR(preparer_->PrepareInto(normalized, document.language(),
                                         prepared->document));
  AddDocumentContext(document, prepared->ingested, prepared->document);
  return absl::OkStatus();
}

absl::StatusOr<textlens::v1::AnalyzeResponse> AnalysisEngine::Respond(
    const textlens::v1::AnalyzeRequest& request,
    const plugins::PluginRegistry& registry, Prepared& prepared,
    std::vector<pipeline::AnalyzerRun>& runs) const {
  const auto& document = request.document();
  plugin::v1::PreparedDocument& text = *prepared.document;
  textlens::v1::AnalyzeResponse response;
  const auto unit =
      request.offset_unit() == textlens::v1::OFFSET_UNIT_UNSPECIFIED
          ? textlens::v1::OFFSET_UNIT_UTF8_BYTES
          : request.offset_unit();
  const text::OffsetMap offsets(text.text());
  response.set_document_id(document.id());
  SetLanguage(document, text, response.mutable_language());
  AddLanguageSegments(text, response.language(), &response);
  if (request.include_source_map()) {
    RETURN_IF_ERROR(
        AddSourceMap(prepared.ingested, text, offsets, unit, &response));
  }
  for (auto& segment : *response.mutable_language_segments()) {
    ConvertSpans(offsets, unit, &segment);
  }
  response.set_text_sha256(Sha256Hex(text.text()));
  response.set_offset_unit(unit);
  response.set_text_length(TextLength(offsets, unit));
  *response.mutable_metadata() = document.metadata();
  FillDocumentInfo(prepared.ingested, text, response.mutable_document_info());
  const std::string primary = PrimaryLanguage(response.language().code());
  for (auto& run : runs) {
    AddResult(registry, primary, offsets, unit, run, response.add_results());
  }
  if (!request.omit_text()) response.set_text(std::move(*text.mutable_text()));
  return response;
}

absl::StatusOr<textlens::v1::AnalyzeResponse> AnalysisEngine::Analyze(
    const textlens::v1::AnalyzeRequest& request, absl::Time deadline,
    const std::function<bool()>& cancelled,
    const std::function<void()>& abandon) const {
  ASSIGN_OR_RETURN(ValidatedDocument validated,
                   ValidateRequest(request, config_));
  // The plugins of this moment, kept to the end of the call.
  const std::shared_ptr<const plugins::PluginRegistry> registry =
      plugins_->Current();
  ASSIGN_OR_RETURN(auto selected, SelectAnalyzers(request, *registry));
  Prepared prepared;
  RETURN_IF_ERROR(Prepare(request.document(), validated, deadline, &prepared));
  ASSIGN_OR_RETURN(std::vector<pipeline::AnalyzerRun> runs,
                   pipeline_.Run(*registry, *prepared.document, selected,
                                 deadline, cancelled, abandon));
  return Respond(request, *registry, prepared, runs);
}

textlens::v1::ListAnalyzersResponse AnalysisEngine::ListAnalyzers() const {
  const std::shared_ptr<const plugins::PluginRegistry> registry =
      plugins_->Current();
  std::map<std::string, textlens::v1::AnalyzerInfo> sorted;
  for (const auto& name : registry->Names()) {
    const auto analyzer = registry->Find(name);
    const auto& d = analyzer->descriptor();
    textlens::v1::AnalyzerInfo info;
    info.set_name(d.name());
    info.set_version(d.version());
    info.set_description(d.description());
    info.set_result_type(d.result_type());
    *info.mutable_languages() = d.languages();
    *info.mutable_needs() = d.needs();
    info.set_concurrent(d.threading() == plugin::v1::THREADING_CONCURRENT);
    info.set_path(registry->SourceOf(name));
    for (const auto& spec : d.options()) {
      auto* option = info.add_options();
      option->set_name(spec.name());
      static const char* kTypes[] = {"unspecified", "int",    "double",
                                     "bool",        "string", "enum"};
      option->set_type(std::string(kTypes[spec.type()]) +
                       (spec.repeated() ? " list" : ""));
      option->set_description(spec.description());
      option->set_default_value(
          plugins::OptionValueToJson(spec.default_value()));
      if (spec.has_min()) option->set_min(spec.min());
      if (spec.has_max()) option->set_max(spec.max());
      *option->mutable_allowed_values() = spec.allowed_values();
      *option->mutable_limits() = plugins::LimitsOf(spec);
    }
    info.mutable_load_status();  // code 0: loaded
    const plugins::Analyzer::Health health = analyzer->health();
    info.set_isolated(analyzer->isolated());
    info.set_available(health.available);
    info.set_failures(health.failures);
    info.set_last_failure(health.last_failure);
    sorted[name] = std::move(info);
  }
  for (const auto& failure : registry->failures()) {
    textlens::v1::AnalyzerInfo info;
    info.set_name(failure.name);
    info.set_path(failure.path);
    *info.mutable_load_status() = ToProtoStatus(failure.status);
    std::string key = failure.name;
    while (sorted.count(key) != 0) key += "~";  // keep both entries
    sorted[key] = std::move(info);
  }
  textlens::v1::ListAnalyzersResponse response;
  for (auto& [unused, info] : sorted)
    *response.add_analyzers() = std::move(info);
  return response;
}

textlens::v1::ServerInfo AnalysisEngine::ServerInfo() const {
  textlens::v1::ServerInfo info;
  info.set_version(TEXTLENS_VERSION);
  info.set_max_document_bytes(config_.max_document_bytes);
  info.set_max_content_bytes(config_.max_content_bytes);
  info.set_max_request_bytes(config_.max_request_bytes);
  // Every string and list option's limits, by analyzer then option.
  const std::shared_ptr<const plugins::PluginRegistry> registry =
      plugins_->Current();
  for (const auto& name : registry->Names()) {
    for (const auto& spec : registry->Find(name)->descriptor().options()) {
      if (spec.type() == plugin::v1::OPTION_TYPE_STRING || spec.repeated()) {
        (*(*info.mutable_analyzer_limits())[name]
              .mutable_options())[spec.name()] = plugins::LimitsOf(spec);
      }
    }
  }
  info.set_max_batch_size(config_.max_batch_size);
  info.set_worker_threads(static_cast<uint32_t>(pool_->threads()));
  info.set_max_queued_tasks(static_cast<uint32_t>(pool_->max_queued()));
  info.set_plugin_abi(
      absl::StrCat(TEXTLENS_PLUGIN_ABI_MAJOR, ".", TEXTLENS_PLUGIN_ABI_MINOR));
  info.set_analyzers_loaded(static_cast<uint32_t>(plugins_->Current()->size()));
  info.set_default_deadline_ms(static_cast<uint64_t>(
      absl::ToInt64Milliseconds(config_.default_deadline)));
  return info;
}

}  // namespace textlens::service::server
