#include "corpus/loader.h"

#include <gtest/gtest.h>

#include <fstream>

#include "support/test_index.h"

namespace cohesio {
namespace {

using testing::TempDir;

constexpr const char* kValid = R"({
  "id": "xx-record", "title": "Banque alimentaire", "language": "fr", "countries": ["AM"],
  "sources": [{"document": "coe-report", "section": "Tableau 2"}],
  "added": "2026-11-22", "updated": "2026-11-22",
  "priority_domains": [{"domain": "poverty_crisis", "provenance": "assigned"}],
  "categories": [1], "charter_articles": [{"article": "27", "provenance": "explicit"}],
  "text": {"description": "Réduire la faim."}
})";

// Replaces the first occurrence of `from` in the valid record.
std::string valid_with(const std::string& from, const std::string& to) {
    std::string record = kValid;
    const auto at = record.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? record : record.replace(at, from.size(), to);
}

struct BadRecord {
    const char* name;
    std::string bytes;
    const char* where;    // expected end of Error::where
    const char* message;  // expected part of Error::message
};

TEST(ParsePractice, AcceptsAValidRecord) {
    const Reference reference = testing::load_reference();
    auto practice = parse_practice(kValid, "corpus/practices/xx-record.json", reference);
    ASSERT_TRUE(practice.ok()) << practice.error().describe();
    EXPECT_EQ(practice->id, "xx-record");
    EXPECT_EQ(practice->countries, std::vector<std::string>{"AM"});
    ASSERT_EQ(practice->articles.size(), 1u);
    EXPECT_EQ(practice->articles[0].article, "27");
    EXPECT_EQ(practice->articles[0].evidence_terms, 0u);
    ASSERT_NE(practice->text_field("description"), nullptr);
    EXPECT_EQ(*practice->text_field("description"), "Réduire la faim.");
}

// The indexer adds evidence_terms and confidence to the inferred links of the records it serves:
// such a record, read back (the admin API's PUT of what GET gave), is valid and keeps them.
TEST(ParsePractice, AcceptsTheEvidenceTermsOfAnInferredLink) {
    const Reference reference = testing::load_reference();
    const std::string record = valid_with(
        "\"provenance\": \"explicit\"",
        R"("provenance": "inferred", "evidence": "congé parental", "evidence_terms": 1, )"
        R"("confidence": "low")");
    auto practice = parse_practice(record, "corpus/practices/xx-record.json", reference);
    ASSERT_TRUE(practice.ok()) << practice.error().describe();
    ASSERT_EQ(practice->articles.size(), 1u);
    EXPECT_EQ(practice->articles[0].evidence, "congé parental");
    EXPECT_EQ(practice->articles[0].evidence_terms, 1u);
    EXPECT_EQ(practice->articles[0].confidence, "low");
}

// Our English names of the places a record names in French (issue 11): kept beside the
// document's wording, which stays as it is.
TEST(ParsePractice, AcceptsOurEnglishPlaceNames) {
    const Reference reference = testing::load_reference();
    struct Case {
        const char* name;
        std::string places;  // inserted before "text"
        const char *city, *city_en, *region, *region_en;
    };
    const Case cases[] = {
        {"none", "", "", "", "", ""},
        {"a city", R"("city": "Varsovie", "ours": {"city_en": "Warsaw"}, )", "Varsovie", "Warsaw",
         "", ""},
        {"a region", R"("region": "Wallonie", "ours": {"region_en": "Wallonia"}, )", "", "",
         "Wallonie", "Wallonia"},
        {"both",
         R"("region": "Émilie-Romagne", "city": "Bologne", )"
         R"("ours": {"city_en": "Bologna", "region_en": "Emilia-Romagna"}, )",
         "Bologne", "Bologna", "Émilie-Romagne", "Emilia-Romagna"},
        {"a city named alike", R"("city": "Sofia", )", "Sofia", "", "", ""},
    };
    for (const auto& c : cases) {
        const std::string record = valid_with("\"text\": {", c.places + "\"text\": {");
        auto practice = parse_practice(record, "corpus/practices/xx-record.json", reference);
        ASSERT_TRUE(practice.ok()) << c.name << ": " << practice.error().describe();
        EXPECT_EQ(practice->city, c.city) << c.name;
        EXPECT_EQ(practice->city_en, c.city_en) << c.name;
        EXPECT_EQ(practice->region, c.region) << c.name;
        EXPECT_EQ(practice->region_en, c.region_en) << c.name;
    }
}

TEST(ParsePractice, RejectsBadRecordsNamingFileAndField) {
    const Reference reference = testing::load_reference();
    const BadRecord cases[] = {
        {"invalid json", "{\"id\": ", "xx-record.json", "invalid JSON"},
        {"not an object", "[1, 2]", "xx-record.json", "JSON object"},
        {"invalid utf-8", valid_with("Banque", "Banq\xC3\x28"), "xx-record.json", "invalid UTF-8"},
        // Found by fuzzing: nlohmann throws out_of_range, not parse_error, for it.
        {"number beyond a double", valid_with("[1]", "[1e999]"), "xx-record.json", "invalid JSON"},
        {"missing id", valid_with("\"id\": \"xx-record\",", ""), ": id", "missing required field"},
        {"id not a slug", valid_with("xx-record", "XX Record"), ": id", "slug"},
        {"id not the file name", valid_with("xx-record", "yy-record"), ": id", "file name"},
        {"missing title", valid_with("\"title\": \"Banque alimentaire\",", ""), ": title",
         "missing"},
        {"bad language", valid_with("\"fr\"", "\"de\""), ": language", "'fr' or 'en'"},
        {"unknown country", valid_with("[\"AM\"]", "[\"ZZ\"]"), ": countries[0]",
         "unknown country"},
        {"no countries", valid_with("[\"AM\"]", "[]"), ": countries", "must not be empty"},
        {"unknown article", valid_with("\"27\"", "\"99\""), ": charter_articles[0].article",
         "unknown"},
        {"bad article provenance", valid_with("\"explicit\"", "\"guessed\""),
         ": charter_articles[0].provenance", "explicit"},
        {"evidence terms not a count",
         valid_with("\"provenance\": \"explicit\"",
                    "\"provenance\": \"inferred\", \"evidence_terms\": 0"),
         ": charter_articles[0].evidence_terms", "at least 1"},
        {"bad confidence",
         valid_with("\"provenance\": \"explicit\"",
                    "\"provenance\": \"inferred\", \"confidence\": \"certain\""),
         ": charter_articles[0].confidence", "'high' or 'low'"},
        {"unknown domain", valid_with("poverty_crisis", "poverty"), ": priority_domains[0].domain",
         "unknown"},
        {"no domains",
         valid_with("[{\"domain\": \"poverty_crisis\", \"provenance\": \"assigned\"}]", "[]"),
         ": priority_domains", "must not be empty"},
        {"bad category", valid_with("[1]", "[12]"), ": categories[0]", "1-9"},
        {"bad category of ours",
         valid_with("\"text\": {", "\"ours\": {\"categories\": [3, 0]}, \"text\": {"),
         ": ours.categories[1]", "1-9"},
        {"english city not a string",
         valid_with("\"text\": {",
                    "\"city\": \"Varsovie\", \"ours\": {\"city_en\": 7}, \"text\": {"),
         ": ours.city_en", "must be a string"},
        {"english region empty",
         valid_with("\"text\": {",
                    "\"region\": \"Wallonie\", \"ours\": {\"region_en\": \"\"}, \"text\": {"),
         ": ours.region_en", "must not be empty"},
        {"english city of no city",
         valid_with("\"text\": {", "\"ours\": {\"city_en\": \"Warsaw\"}, \"text\": {"),
         ": ours.city_en", "no city"},
        {"english region of no region",
         valid_with("\"text\": {",
                    "\"city\": \"Varsovie\", \"ours\": {\"region_en\": \"Masovia\"}, \"text\": {"),
         ": ours.region_en", "no region"},
        {"english place misspelt",
         valid_with("\"text\": {",
                    "\"city\": \"Varsovie\", \"ours\": {\"cityen\": \"Warsaw\"}, \"text\": {"),
         ": ours.cityen", "unknown field"},
        {"unknown document", valid_with("coe-report", "wikipedia"), ": sources[0].document",
         "unknown document"},
        {"bad date", valid_with("\"added\": \"2026-11-22\"", "\"added\": \"22/11/2026\""),
         ": added", "YYYY-MM-DD"},
        {"unknown text field", valid_with("\"description\"", "\"summary\""), ": text.summary",
         "unknown text field"},
        {"text not a string", valid_with("\"Réduire la faim.\"", "42"), ": text.description",
         "string"},
        {"field over its limit",
         valid_with("Réduire la faim.", std::string(kMaxFieldBytes + 1, 'a')), ": text.description",
         "the limit is 32768"},
        {"title over the field limit",
         valid_with("Banque alimentaire", std::string(kMaxFieldBytes + 1, 'a')), ": title",
         "the limit is 32768"},
        {"record over its limit",
         valid_with("\"text\": {",
                    "\"padding\": \"" + std::string(kMaxRecordBytes, ' ') + "\", \"text\": {"),
         "xx-record.json", "the limit is 262144"},
    };
    for (const auto& c : cases) {
        auto practice = parse_practice(c.bytes, "corpus/practices/xx-record.json", reference);
        ASSERT_FALSE(practice.ok()) << c.name;
        EXPECT_TRUE(practice.error().where.ends_with(c.where))
            << c.name << ": where = " << practice.error().where;
        EXPECT_NE(practice.error().message.find(c.message), std::string::npos)
            << c.name << ": message = " << practice.error().message;
    }
}

TEST(LoadCorpus, ReportsBadRecordsAndKeepsTheRest) {
    const Reference reference = testing::load_reference();
    TempDir dir;
    const auto write = [&](const std::string& name, const std::string& bytes) {
        std::ofstream(dir.path() / name, std::ios::binary) << bytes;
    };
    write("xx-record.json", kValid);
    write("broken.json", "{");
    write("yy-record.json", valid_with("xx-record", "yy-record"));
    write("notes.txt", "not a record");

    const CorpusLoad load = load_corpus(dir.path(), reference);
    EXPECT_EQ(load.files_seen, 3u);
    ASSERT_EQ(load.practices.size(), 2u);
    EXPECT_EQ(load.practices[0].id, "xx-record");
    EXPECT_EQ(load.practices[1].id, "yy-record");
    ASSERT_EQ(load.errors.size(), 1u);
    EXPECT_NE(load.errors[0].where.find("broken.json"), std::string::npos);
}

TEST(LoadCorpus, MissingDirectoryIsAnError) {
    const Reference reference = testing::load_reference();
    const CorpusLoad load = load_corpus("/nonexistent/cohesio/practices", reference);
    EXPECT_TRUE(load.practices.empty());
    ASSERT_EQ(load.errors.size(), 1u);
    EXPECT_EQ(load.errors[0].kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace cohesio
