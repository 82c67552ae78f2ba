#include "service/plugins/option_resolver.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "plugins/sdk/plugin_helper.h"
#include "textlens/v1/entities.pb.h"
#include "textlens/v1/summary.pb.h"

namespace textlens::service::plugins {
namespace {

using ::testing::HasSubstr;

plugin::v1::PluginDescriptor SummarizerLike() {
  plugin::v1::PluginDescriptor d;
  d.set_name("summarizer");
  *d.add_options() = sdk::IntOption("max_sentences", 3, 1, 50, "");
  *d.add_options() = sdk::EnumOption("order", {"ORDER_POSITION", "ORDER_RANK"},
                                     "ORDER_POSITION", "");
  *d.add_options() = sdk::DoubleOption("min_score", 0.0, 0.0, 1.0, "");
  *d.add_options() =
      sdk::EnumOption("types", {"ENTITY_TYPE_PERSON", "ENTITY_TYPE_DATE"}, "",
                      "", /*repeated=*/true);
  return d;
}

TEST(OptionResolverTest, NoOptionsGivesEveryDefault) {
  auto options = ResolveTypedOptions(SummarizerLike(), nullptr, "analyzers[0]");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->at("max_sentences").int_value(), 3);
  EXPECT_EQ(options->at("order").string_value(), "ORDER_POSITION");
  EXPECT_TRUE(options->at("types").has_list_value());
}

TEST(OptionResolverTest, TypedOptionsAreTakenByFieldName) {
  textlens::v1::SummarizerOptions typed;
  typed.set_max_sentences(5);
  typed.set_order(textlens::v1::SummarizerOptions::ORDER_RANK);
  auto options =
      ResolveTypedOptions(SummarizerLike(), &typed, "analyzers[0].summarizer");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->at("max_sentences").int_value(), 5);
  EXPECT_EQ(options->at("order").string_value(), "ORDER_RANK");
}

TEST(OptionResolverTest, OutOfRangeNamesFieldOptionAndRange) {
  textlens::v1::SummarizerOptions typed;
  typed.set_max_sentences(0);  // present, and below the minimum
  auto options =
      ResolveTypedOptions(SummarizerLike(), &typed, "analyzers[0].summarizer");
  EXPECT_EQ(options.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(options.status().message(),
              HasSubstr("analyzers[0].summarizer.max_sentences: value 0 is out "
                        "of range 1..50"));
}

TEST(OptionResolverTest, StringsAndListsOverTheirLimitsAreRefusedNamingThem) {
  plugin::v1::PluginDescriptor d = SummarizerLike();
  *d.add_options() = sdk::StringOption("note", "", "");
  d.mutable_options(3)->set_max_items(2);
  OptionMap given;
  given["note"].set_string_value(std::string(kDefaultOptionMaxBytes, 'x'));
  EXPECT_TRUE(ResolveOptions(d, given, "analyzers[0].generic").ok());

  given["note"].set_string_value(std::string(kDefaultOptionMaxBytes + 1, 'x'));
  auto options = ResolveOptions(d, given, "analyzers[0].generic");
  EXPECT_EQ(options.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(options.status().message(),
              HasSubstr("analyzers[0].generic.note has 1048577 bytes; the "
                        "limit is 1048576 (max_bytes)"));
  d.mutable_options(4)->set_max_bytes(1 << 21);  // a declared limit wins
  EXPECT_TRUE(ResolveOptions(d, given, "analyzers[0].generic").ok());

  OptionMap types;
  for (int i = 0; i < 3; ++i) {
    types["types"].mutable_list_value()->add_values()->set_string_value(
        "ENTITY_TYPE_PERSON");
  }
  options = ResolveOptions(d, types, "analyzers[0].entities");
  EXPECT_EQ(options.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(options.status().message(),
              HasSubstr("analyzers[0].entities.types has 3 values; the limit "
                        "is 2 (max_items)"));
  EXPECT_EQ(MaxItems(d.options(3)), 2u);
  EXPECT_EQ(MaxItems(d.options(0)), 0u);  // not a list
}

TEST(OptionResolverTest, TypedFieldUnknownToThePluginIsRefused) {
  textlens::v1::SummarizerOptions typed;
  typed.set_max_key_phrases(4);  // SummarizerLike() does not declare it
  auto options = ResolveTypedOptions(SummarizerLike(), &typed, "f");
  EXPECT_THAT(options.status().message(),
              HasSubstr("f.max_key_phrases: unknown option"));
}

TEST(OptionResolverTest, GenericOptionsAreCheckedAndConverted) {
  google::protobuf::Struct generic;
  (*generic.mutable_fields())["max_sentences"].set_number_value(7);
  (*generic.mutable_fields())["order"].set_string_value("ORDER_RANK");
  auto* list = (*generic.mutable_fields())["types"].mutable_list_value();
  list->add_values()->set_string_value("ENTITY_TYPE_DATE");
  auto options = ResolveGenericOptions(SummarizerLike(), generic, "g");
  ASSERT_TRUE(options.ok()) << options.status();
  EXPECT_EQ(options->at("max_sentences").int_value(), 7);
  EXPECT_EQ(options->at("types").list_value().values(0).string_value(),
            "ENTITY_TYPE_DATE");
}

TEST(OptionResolverTest, GenericOptionsRefuseWrongTypesAndValues) {
  google::protobuf::Struct fractional;
  (*fractional.mutable_fields())["max_sentences"].set_number_value(2.5);
  EXPECT_THAT(ResolveGenericOptions(SummarizerLike(), fractional, "g")
                  .status()
                  .message(),
              HasSubstr("g.max_sentences: must be an integer"));

  google::protobuf::Struct bad_enum;
  (*bad_enum.mutable_fields())["order"].set_string_value("SIDEWAYS");
  EXPECT_THAT(
      ResolveGenericOptions(SummarizerLike(), bad_enum, "g").status().message(),
      HasSubstr("'SIDEWAYS' is not one of: ORDER_POSITION, ORDER_RANK"));

  google::protobuf::Struct unknown;
  (*unknown.mutable_fields())["colour"].set_string_value("red");
  EXPECT_THAT(
      ResolveGenericOptions(SummarizerLike(), unknown, "g").status().message(),
      HasSubstr("g.colour: unknown option of analyzer summarizer"));

  google::protobuf::Struct not_a_list;
  (*not_a_list.mutable_fields())["types"].set_string_value("ENTITY_TYPE_DATE");
  EXPECT_THAT(ResolveGenericOptions(SummarizerLike(), not_a_list, "g")
                  .status()
                  .message(),
              HasSubstr("g.types: must be a list"));
}

TEST(OptionResolverTest, JsonRenderingOfDefaults) {
  auto d = SummarizerLike();
  EXPECT_EQ(OptionValueToJson(d.options(0).default_value()), "3");
  EXPECT_EQ(OptionValueToJson(d.options(1).default_value()),
            "\"ORDER_POSITION\"");
  EXPECT_EQ(OptionValueToJson(d.options(3).default_value()), "[]");
}

}  // namespace
}  // namespace textlens::service::plugins
