// Checks the shipped corpus itself: it loads cleanly, it is complete against the report's
// Table 1, it has no duplicates, no personal contact data, and its source-text fields are the
// documents' own wording.
#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <map>
#include <regex>
#include <set>

#include "common/files.h"
#include "corpus/loader.h"
#include "support/test_index.h"

namespace cohesio {
namespace {

using nlohmann::json;

const std::filesystem::path kCorpus = testing::kSourceDir / "corpus";

class ShippedCorpus : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        reference_ = new Reference(testing::load_reference());
        load_ = new CorpusLoad(load_corpus(kCorpus / "practices", *reference_));
    }
    static void TearDownTestSuite() {
        delete load_;
        delete reference_;
    }
    static const std::vector<Practice>& practices() { return load_->practices; }
    static Reference* reference_;
    static CorpusLoad* load_;
};

Reference* ShippedCorpus::reference_ = nullptr;
CorpusLoad* ShippedCorpus::load_ = nullptr;

TEST_F(ShippedCorpus, EveryRecordIsValid) {
    for (const auto& error : load_->errors) ADD_FAILURE() << error.describe();
    EXPECT_EQ(practices().size(), load_->files_seen);
    EXPECT_GT(practices().size(), 100u);
}

TEST_F(ShippedCorpus, EveryRecordHasEnglishTitleAndSummary) {
    for (const auto& practice : practices()) {
        EXPECT_FALSE(practice.title_en.empty()) << practice.id;
        EXPECT_FALSE(practice.summary_en.empty()) << practice.id;
    }
}

// Per Table 1 entry (country, and region for Belgium), the number of records that cite it.
TEST_F(ShippedCorpus, ReportRecordsMatchTable1CountryByCountry) {
    auto table = read_file(kCorpus / "reference/coe_report_table1.json");
    ASSERT_TRUE(table.ok());
    const json table1 = json::parse(*table);
    std::map<std::string, std::size_t> expected, actual;
    std::size_t listed = 0;
    for (const auto& entry : table1.at("table")) {
        const std::string key =
            entry.at("country").get<std::string>() + "/" + entry.value("region", "");
        expected[key] += entry.at("practices").size();
        listed += entry.at("practices").size();
    }
    EXPECT_EQ(listed, table1.at("listed_total").get<std::size_t>());
    for (const auto& practice : practices()) {
        const bool in_table1 = std::any_of(
            practice.sources.begin(), practice.sources.end(),
            [](const Source& s) { return s.document == "coe-report" && s.section == "Tableau 1"; });
        if (!in_table1) continue;
        ASSERT_FALSE(practice.countries.empty());
        const std::string region = practice.countries[0] == "BE" ? practice.region : "";
        ++actual[practice.countries[0] + "/" + region];
    }
    EXPECT_EQ(actual, expected);
}

TEST_F(ShippedCorpus, NoDuplicateTitles) {
    auto normaliser = Normaliser::create();
    ASSERT_TRUE(normaliser.ok());
    std::map<std::string, std::string> seen;
    for (const auto& practice : practices()) {
        const std::string key = (*normaliser)->fold(practice.display_title());
        auto [it, inserted] = seen.emplace(key, practice.id);
        EXPECT_TRUE(inserted) << practice.id << " has the same title as " << it->second;
    }
}

// Every string in a record except web sites, with its JSON path.
void strings_of(const json& value, const std::string& path,
                std::vector<std::pair<std::string, std::string>>& out) {
    if (value.is_string()) out.emplace_back(path, value.get<std::string>());
    if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i)
            strings_of(value[i], path + "[" + std::to_string(i) + "]", out);
    }
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) {
            if (key != "website") strings_of(item, path.empty() ? key : path + "." + key, out);
        }
    }
}

TEST_F(ShippedCorpus, NoPersonalContactData) {
    const std::regex email(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})");
    // International or French-style phone numbers: +32 81 32 13 11, 01 23 45 67 89, (0)2 ...
    const std::regex phone(
        R"((\+\d{1,3}[\s.]?(\(0\)\s?)?\d{1,4}([\s.-]?\d{2,4}){2,4})|(\b0\d([\s.]\d{2}){4}\b))");
    const std::regex salutation(R"(\b(Mme|Mlle|Madame|Monsieur|Mr|Mrs|Ms)\.?\s+[A-Z][a-zé]+)");
    for (const auto& practice : practices()) {
        std::vector<std::pair<std::string, std::string>> strings;
        strings_of(practice.raw, "", strings);
        for (const auto& [path, text] : strings) {
            EXPECT_FALSE(std::regex_search(text, email))
                << practice.id << ": " << path << ": e-mail address";
            EXPECT_FALSE(std::regex_search(text, phone))
                << practice.id << ": " << path << ": phone number";
            EXPECT_FALSE(std::regex_search(text, salutation))
                << practice.id << ": " << path << ": a person";
        }
    }
}

// Letters only, NFKC case-folded: repairs hyphenation, line breaks, page numbers and footnote
// markers in one go, as tools/corpus/check_text.py does.
std::string letters(const std::string& text) {
    UErrorCode status = U_ZERO_ERROR;
    const auto* fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
    const icu::UnicodeString folded = fold->normalize(icu::UnicodeString::fromUTF8(text), status);
    icu::UnicodeString kept;
    for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
        const UChar32 c = folded.char32At(i);
        if (u_isalpha(c)) kept.append(c);
    }
    std::string out;
    kept.toUTF8String(out);
    return out;
}

// Pieces of `field` of at least kMinPiece bytes (or the whole rest) that occur in `source`:
// table cells are interleaved in the extracted text, so a field may be stitched from pieces.
std::string first_unmatched(const std::string& field, const std::string& source) {
    constexpr std::size_t kMinPiece = 10;
    std::vector<std::size_t> starts;  // byte offsets where UTF-8 characters start, plus the end
    for (std::size_t i = 0; i < field.size(); ++i) {
        if ((static_cast<unsigned char>(field[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    starts.push_back(field.size());
    std::size_t first = 0;  // index into starts
    while (starts[first] < field.size()) {
        // Longest run of characters from `first` that occurs in the source.
        std::size_t low = first, high = starts.size() - 1;
        while (low < high) {
            const std::size_t mid = (low + high + 1) / 2;
            if (source.find(field.data() + starts[first], 0, starts[mid] - starts[first]) !=
                std::string::npos) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        const std::size_t matched = starts[low] - starts[first];
        if (matched < std::min(kMinPiece, field.size() - starts[first])) {
            return field.substr(starts[first], 40);
        }
        first = low;
    }
    return {};
}

TEST(WordingCheck, AcceptsRepairedTextAndCatchesParaphrase) {
    const std::string source = letters(
        "Réduire la faim en collabo-\nrant avec des organisations 12 internationales\n"
        "| Ministère du Travail | afin de mettre en place des banques alimentaires.");
    EXPECT_EQ(first_unmatched(
                  letters("Réduire la faim en collaborant avec des organisations "
                          "internationales afin de mettre en place des banques alimentaires."),
                  source),
              "");
    EXPECT_NE(first_unmatched(letters("Réduire la faim grâce à des banques alimentaires."), source),
              "");
    EXPECT_NE(first_unmatched(letters("Combattre la faim."), source), "");
}

TEST_F(ShippedCorpus, SourceTextIsTheDocumentsOwnWording) {
    auto sources = read_file(kCorpus / "reference/sources.json");
    ASSERT_TRUE(sources.ok());
    std::map<std::string, std::string> document_letters;
    const json documents = json::parse(*sources).at("documents");
    for (const auto& document : documents) {
        auto text = read_file(kCorpus / "sources" / document.at("file").get<std::string>());
        ASSERT_TRUE(text.ok()) << text.error().describe();
        document_letters[document.at("id")] = letters(*text);
    }
    for (const auto& practice : practices()) {
        std::string source;
        for (const auto& cited : practice.sources) source += document_letters[cited.document] + "|";
        std::vector<std::pair<std::string, std::string>> fields = {
            {"title", practice.title},
            {"region", practice.region},
            {"city", practice.city},
            {"organisation", practice.organisation}};
        for (const auto& [name, value] : practice.text) fields.emplace_back("text." + name, value);
        for (const auto& [name, value] : fields) {
            if (value.empty()) continue;
            const std::string missing = first_unmatched(letters(value), source);
            EXPECT_TRUE(missing.empty())
                << practice.id << ": " << name << " is not in its sources near '" << missing << "'";
        }
    }
}

}  // namespace
}  // namespace cohesio
