#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "service/ingest/html_converter.h"
#include "service/ingest/markdown_converter.h"

namespace textlens::service::ingest {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kFrenchPage[] = R"(<!DOCTYPE html>
<html lang="fr"><head>
<title>Le port du Havre | Journal du Littoral</title>
<meta property="og:title" content="Le port du Havre accueille ses premiers porte-conteneurs électriques">
<meta name="author" content="Claire Dubois">
<meta property="article:published_time" content="2025-06-17T20:59:00+02:00">
<script>var tracking = "ne pas afficher";</script>
<style>p { color: red; }</style>
</head><body>
<header><a href="/">Journal du Littoral</a></header>
<nav><ul><li>Accueil</li><li>Économie</li></ul></nav>
<div id="cookie-banner">Nous utilisons des cookies. <button>Accepter</button></div>
<article>
<h1>Le port du Havre accueille ses premiers porte-conteneurs</h1>
<p>Les navires sont arrivés <b>mardi</b> matin&nbsp;; les dockers &amp; les élus étaient présents.</p>
<div class="share-buttons">Partager sur Facebook</div>
<p>Le coût du projet atteint <em>120 millions</em> d&#39;euros.</p>
<ul><li>Premier quai</li><li>Second quai</li></ul>
<div>Une phrase directement dans un div.</div>
<aside>Lire aussi : un autre article</aside>
<p>Partager</p>
<h2>Commentaires</h2>
<p>Super article, merci !</p>
</article>
<footer>Mentions légales</footer>
</body></html>)";

TEST(HtmlToTextTest, KeepsArticleAndDropsPageChrome) {
  auto converted = HtmlToText(kFrenchPage);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->text,
            "Le port du Havre accueille ses premiers porte-conteneurs\n\n"
            "Les navires sont arrivés mardi matin\xC2\xA0; les dockers & les "
            "élus étaient présents.\n\n"
            "Le coût du projet atteint 120 millions d'euros.\n\n"
            "Premier quai\n\nSecond quai\n\n"
            "Une phrase directement dans un div.");
}

TEST(HtmlToTextTest, ReadsMetaTags) {
  auto converted = HtmlToText(kFrenchPage);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->title,
            "Le port du Havre accueille ses premiers porte-conteneurs "
            "électriques");
  EXPECT_EQ(converted->author, "Claire Dubois");
  EXPECT_EQ(converted->published, "2025-06-17T20:59");
}

TEST(HtmlToTextTest, ReadsSourceUrlAndSectionHeadings) {
  constexpr char kPage[] = R"(<html><head>
<meta property="og:site_name" content="Journal du Littoral">
<meta property="og:url" content="https://example.org/og">
<link rel="canonical" href="https://example.org/port-du-havre">
<title>Le port | Journal du Littoral</title>
</head><body><article><h1>Le port du Havre</h1><p>Les navires arrivent.</p>
<h2>Un chantier de trois ans</h2><p>Les travaux ont commencé en 2022.</p>
<h3>Et ensuite ?</h3><p>Un second quai suivra.</p></article></body></html>)";
  auto converted = HtmlToText(kPage);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->source, "Journal du Littoral");
  EXPECT_EQ(converted->url, "https://example.org/port-du-havre");
  EXPECT_EQ(
      converted->headings,
      (std::vector<std::string>{"Le port du Havre", "Un chantier de trois ans",
                                "Et ensuite ?"}));
}

TEST(HtmlToTextTest, JsonLdPublisherAndTheTitleLeftOutOfHeadings) {
  constexpr char kPage[] = R"(<html><head>
<script type="application/ld+json">{"@type":"NewsArticle",
 "headline":"Rivers of the North","url":"https://news.example/rivers",
 "publisher":{"@type":"Organization","name":"Northern Post"}}</script>
</head><body><article><h1>Rivers of the North</h1><p>Floods.</p>
<h2>What comes next</h2><p>Dams.</p></article></body></html>)";
  auto converted = HtmlToText(kPage);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->source, "Northern Post");
  EXPECT_EQ(converted->url, "https://news.example/rivers");
  EXPECT_EQ(converted->headings, std::vector<std::string>{"What comes next"});
}

TEST(HtmlToTextTest, JsonLdWinsOverMetaAuthorAndDate) {
  constexpr char kPage[] = R"(<html><head>
<script type="application/ld+json">{"@context":"https://schema.org",
 "@type":"NewsArticle","headline":"Rivers of the North",
 "author":[{"@type":"Person","name":"Jane Smith"},{"name":"Tom Lee"}],
 "datePublished":"2025-03-04T09:15:00Z"}</script>
<meta name="author" content="Someone Else">
</head><body><main><p>Spring floods reached the valley.</p></main>
<div class="comments">First comment!</div></body></html>)";
  auto converted = HtmlToText(kPage);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->title, "Rivers of the North");
  EXPECT_EQ(converted->author, "Jane Smith, Tom Lee");
  EXPECT_EQ(converted->published, "2025-03-04T09:15");
  EXPECT_EQ(converted->text, "Spring floods reached the valley.");
}

TEST(HtmlToTextTest, ToleratesInvalidJsonLdAndUsesTimeElement) {
  constexpr char kPage[] = R"(<html><head><title>Budget vote</title>
<script type="application/ld+json">{"headline": "broken",,, </script>
</head><body><p>Published <time datetime="2024-11-05">5 November</time>.</p>
<p>The council voted the budget.</p></body></html>)";
  auto converted = HtmlToText(kPage);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->title, "Budget vote");
  EXPECT_EQ(converted->published, "2024-11-05");
  EXPECT_EQ(converted->text,
            "Published 5 November.\n\nThe council voted the budget.");
}

TEST(HtmlToTextTest, TimeWithoutDatetimeParsesFrenchText) {
  auto converted = HtmlToText(
      "<body><h1>Vendanges</h1><time>Publié le 3 septembre 2025 à "
      "08h30</time><p>La récolte commence.</p></body>");
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->title, "Vendanges");  // first <h1>, no <title>
  EXPECT_EQ(converted->published, "2025-09-03T08:30");
}

TEST(HtmlToTextTest, InlineSpacingFollowsTheSource) {
  auto joined = HtmlToText("<p><b>Deep</b>Seek released a model.</p>");
  auto spaced = HtmlToText("<p><b>Deep</b> Seek released a model.</p>");
  ASSERT_TRUE(joined.ok());
  ASSERT_TRUE(spaced.ok());
  EXPECT_EQ(joined->text, "DeepSeek released a model.");
  EXPECT_EQ(spaced->text, "Deep Seek released a model.");
}

TEST(HtmlToTextTest, CollapsesWhitespaceAndBreaksLines) {
  auto converted =
      HtmlToText("<p>  one\n\t two  <br> three </p><pre>a  b\n  c</pre>");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text, "one two\nthree\n\na  b\n  c");
}

TEST(HtmlToTextTest, TableRowsAreLines) {
  auto converted = HtmlToText(
      "<table><tr><th>Ville</th><th>Habitants</th></tr>"
      "<tr><td>Lyon</td><td>520 000</td></tr></table>");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text, "Ville Habitants\n\nLyon 520 000");
}

TEST(HtmlToTextTest, DropsHiddenAndChromeByAttributes) {
  auto converted = HtmlToText(
      "<body><p>Keep me.</p><p hidden>Hidden text.</p>"
      "<div role=\"navigation\">Home</div>"
      "<div class=\"newsletter-signup\">Subscribe now</div>"
      "<div class=\"ad-slot\">Buy things</div>"
      "<div id=\"related-articles\">Read more</div>"
      "<ol class=\"breadcrumb\"><li>World</li></ol>"
      "<div aria-label=\"Social links\">Follow us</div>"
      "<p>Keep me too.</p><p>Leave a comment</p></body>");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text, "Keep me.\n\nKeep me too.");
}

TEST(HtmlToTextTest, PageWideBodyClassesDoNotHideTheArticle) {
  auto converted = HtmlToText(
      "<body class=\"single comments-open has-ads\"><article><p>Le "
      "texte.</p></article><ol class=\"comment-list\"><li><article>Un "
      "avis.</article></li></ol></body>");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text, "Le texte.");
}

TEST(HtmlToTextTest, SkipsArticlesInsideCommentsWhenChoosingTheArticle) {
  auto converted = HtmlToText(
      "<body><div class=\"comments\"><article>Un avis.</article></div>"
      "<article><p>Le vrai texte.</p></article></body>");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text, "Le vrai texte.");
}

TEST(HtmlToTextTest, StopsAtCommentsHeadingWithoutArticle) {
  auto converted = HtmlToText(
      "<body><p>Le texte.</p><h3>12 commentaires</h3><p>Bravo.</p></body>");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text, "Le texte.");
  EXPECT_THAT(converted->text, Not(HasSubstr("Bravo")));
}

std::string Nested(int depth) {
  std::string html = "<body>";
  for (int i = 0; i < depth; ++i) html += "<div>";
  html += "profond";
  for (int i = 0; i < depth; ++i) html += "</div>";
  return html;
}

TEST(HtmlToTextTest, ReadsDeepButReasonableNesting) {
  auto converted = HtmlToText(Nested(3000));
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->text, "profond");
}

TEST(HtmlToTextTest, RefusesPathologicalNestingBeforeParsing) {
  auto converted = HtmlToText(Nested(100000));
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(converted.status().message(), HasSubstr("the limit is 4000"));
}

TEST(HtmlToTextTest, UnclosedParagraphsAndItemsDoNotCountAsNesting) {
  std::string html = "<ul>";
  for (int i = 0; i < 6000; ++i) html += "<li>point <p>texte";
  html += "</ul>";
  auto converted = HtmlToText(html);
  ASSERT_TRUE(converted.ok()) << converted.status();
}

TEST(HtmlToTextTest, ReadsAMillionTinyTags) {
  std::string html = "<p>";
  for (int i = 0; i < 1000000; ++i) html += "<i>x</i>";
  html += "</p>";
  auto converted = HtmlToText(html);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->text, std::string(1000000, 'x'));
}

TEST(HtmlToTextTest, RefusesMoreTagsThanTheLimitBeforeParsing) {
  std::string html;
  for (int i = 0; i < 1100000; ++i) html += "<br>";
  auto converted = HtmlToText(html);
  EXPECT_EQ(converted.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(converted.status().message(),
              HasSubstr("1100000 start tags; the limit is 1048576"));
}

TEST(MarkdownToTextTest, ReadsAndRemovesFrontMatter) {
  auto converted = MarkdownToText(
      "---\ntitle: \"Les abeilles de Provence\"\nauthor: Marc Roux\n"
      "date: 2025-03-04\n---\n# Un titre de corps\n\nLe miel est rare.\n");
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->title, "Les abeilles de Provence");
  EXPECT_EQ(converted->author, "Marc Roux");
  EXPECT_EQ(converted->published, "2025-03-04");
  EXPECT_EQ(converted->text, "Un titre de corps\n\nLe miel est rare.");
}

TEST(MarkdownToTextTest, FrontMatterSourceUrlAndHeadings) {
  auto converted = MarkdownToText(
      "---\ntitle: Modèles ouverts\nsource: La Lettre IA\n"
      "url: https://example.org/modeles\n---\n# Modèles ouverts\n\n"
      "Texte.\n\n## Les licences\n\nApache 2.0.\n\n### Et après\n");
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(converted->source, "La Lettre IA");
  EXPECT_EQ(converted->url, "https://example.org/modeles");
  EXPECT_EQ(converted->headings,
            (std::vector<std::string>{"Les licences", "Et après"}));
}

TEST(MarkdownToTextTest, FirstHeadingIsTitleWithoutFrontMatter) {
  auto converted = MarkdownToText(
      "## Intro\n\n# Harbour news\n\nShips *arrived* on **Tuesday**.\n");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->title, "Harbour news");
  EXPECT_EQ(converted->author, "");
  EXPECT_EQ(converted->text,
            "Intro\n\nHarbour news\n\nShips arrived on Tuesday.");
}

TEST(MarkdownToTextTest, LinksImagesAndInlineHtml) {
  auto converted = MarkdownToText(
      "Voir [le rapport](https://example.org/r) et "
      "![une carte du port](carte.png), <span>sans</span> balises.\n");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text,
            "Voir le rapport et une carte du port, sans balises.");
}

TEST(MarkdownToTextTest, ListsQuotesAndCode) {
  auto converted = MarkdownToText(
      "- first item\n- second\n  continued\n\n> A quote.\n\n"
      "```\nint x = 1;\n```\n\n<div>dropped block</div>\n\nEnd `code`.\n");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->text,
            "first item\n\nsecond continued\n\nA quote.\n\nint x = 1;\n\n"
            "End code.");
}

TEST(MarkdownToTextTest, UnclosedDashesAreNotFrontMatter) {
  auto converted = MarkdownToText("---\ntitle: nope\n");
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->title, "");
  EXPECT_THAT(converted->text, HasSubstr("title: nope"));
}

}  // namespace
}  // namespace textlens::service::ingest

namespace textlens::service::ingest {
namespace {

// The source bytes of the first source-map span covering text `needle`.
std::string SourceOf(const ConvertedText& converted, std::string_view source,
                     std::string_view needle) {
  const size_t at = converted.text.find(needle);
  for (const SourceSpan& span : converted.source_map) {
    if (span.text_begin <= at && at < span.text_end) {
      return std::string(source.substr(span.source_begin,
                                       span.source_end - span.source_begin));
    }
  }
  return "(unmapped)";
}

TEST(HtmlSourceMapTest, EveryTextNodeMapsToItsSourceBytes) {
  const std::string html =
      "<html><body><nav>Accueil</nav><article><h1>Mistral AI publie</h1>\n"
      "<p>La société <b>Mistral AI</b> a publié\n   un modèle &amp; ses "
      "poids.</p></article></body></html>";
  auto converted = HtmlToText(html);
  ASSERT_TRUE(converted.ok()) << converted.status();
  ASSERT_EQ(converted->text,
            "Mistral AI publie\n\nLa société Mistral AI a publié un modèle & "
            "ses poids.");
  EXPECT_EQ(SourceOf(*converted, html, "Mistral AI publie"),
            "Mistral AI publie");
  EXPECT_EQ(SourceOf(*converted, html, "Mistral AI a"), "Mistral AI");
  // Collapsed whitespace and entities stay inside their node's span.
  EXPECT_EQ(SourceOf(*converted, html, "un modèle &"),
            " a publié\n   un modèle &amp; ses poids.");
  ASSERT_EQ(converted->source_map.size(), 4u);
  for (size_t i = 1; i < converted->source_map.size(); ++i) {
    EXPECT_LE(converted->source_map[i - 1].text_end,
              converted->source_map[i].text_begin);
  }
}

TEST(MarkdownSourceMapTest, EveryBlockMapsToItsSourceLines) {
  const std::string markdown =
      "---\ntitle: Modèles\n---\n# Modèles ouverts\n\nMistral AI publie "
      "*Devstral*\nsous licence Apache 2.0.\n\n- Premier point\n";
  auto converted = MarkdownToText(markdown);
  ASSERT_TRUE(converted.ok()) << converted.status();
  EXPECT_EQ(SourceOf(*converted, markdown, "Modèles ouverts"),
            "# Modèles ouverts");
  EXPECT_EQ(SourceOf(*converted, markdown, "sous licence"),
            "Mistral AI publie *Devstral*\nsous licence Apache 2.0.");
  EXPECT_EQ(SourceOf(*converted, markdown, "Premier"), "Premier point");
}

}  // namespace
}  // namespace textlens::service::ingest

namespace textlens::service::ingest {
namespace {

// Whitespace-only text nodes trimmed off a <pre> line map to nothing, and
// every span stays inside the text.
TEST(HtmlSourceMapTest, TrimmedPreWhitespaceMapsToNothing) {
  const std::string html =
      "<article><p>Un café :</p><pre>\n  <code>\n    <span>x</span></code>"
      "</pre></article>";
  auto converted = HtmlToText(html);
  ASSERT_TRUE(converted.ok()) << converted.status();
  for (const SourceSpan& span : converted->source_map) {
    EXPECT_LT(span.text_begin, span.text_end);
    EXPECT_LE(span.text_end, converted->text.size());
  }
}

}  // namespace
}  // namespace textlens::service::ingest
