#include "http/page.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <functional>
#include <utility>
#include <vector>

#include "common/markup.h"

namespace cohesio {

namespace {

using nlohmann::json;

constexpr Xapian::doccount kPerPage = 10;  // state.js PER_PAGE
constexpr long kMaxPage = 1000;

// The texts of src/web/i18n.js that a result list needs, in both languages.
struct Texts {
    std::string_view results, all_practices, original_title, our_translation, our_title;
    std::string_view explicit_reason, inferred_reason, weakly_inferred_reason, articles_of_hit,
        colon;
    std::string_view none_found, one_found, many_found;  // many: "<n> …"
    std::array<std::pair<std::string_view, std::string_view>, 3> short_domains;
};

constexpr Texts kFrench = {
    "Résultats",
    "Toutes les pratiques",
    "Titre original :",
    "(notre traduction)",
    "(titre de notre rédaction)",
    "cité dans le texte",
    "déduit des termes",
    "déduit, sur peu d’indices, des termes",
    "Articles de la Charte sociale européenne et pourquoi",
    "\u00a0: ",
    "Aucune pratique trouvée",
    "1 pratique trouvée",
    " pratiques trouvées",
    {{{"youth_children", "Enfance et jeunesse"},
      {"migrants_refugees", "Migrants et réfugiés"},
      {"poverty_crisis", "Pauvreté, crise et exclusion"}}},
};

constexpr Texts kEnglish = {
    "Results",
    "All practices",
    "Original title:",
    "(our translation)",
    "(title written by us)",
    "named in the text",
    "inferred from the terms",
    "inferred, on little evidence, from the terms",
    "European Social Charter articles and why",
    ": ",
    "No practice found",
    "1 practice found",
    " practices found",
    {{{"youth_children", "Children and young people"},
      {"migrants_refugees", "Migrants and refugees"},
      {"poverty_crisis", "Poverty, crisis and exclusion"}}},
};

const Texts& texts(PageLang lang) { return lang == PageLang::fr ? kFrench : kEnglish; }

std::string_view lang_code(PageLang lang) { return lang == PageLang::fr ? "fr" : "en"; }

const std::string* first_value(const std::multimap<std::string, std::string>& params,
                               const std::string& name) {
    const auto found = params.find(name);
    return found == params.end() ? nullptr : &found->second;
}

std::string first_or_empty(const std::multimap<std::string, std::string>& params,
                           const std::string& name) {
    const std::string* value = first_value(params, name);
    return value ? *value : std::string();
}

// JavaScript's parseInt: optional blanks and sign, then leading digits; nothing if none.
std::optional<long> parse_leading_int(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
    const bool negative = at < text.size() && text[at] == '-';
    if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
    long value = 0;
    std::size_t digits = 0;
    for (; at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])); ++at) {
        if (value <= kMaxPage) value = value * 10 + (text[at] - '0');
        ++digits;
    }
    if (digits == 0) return std::nullopt;
    return negative ? -value : value;
}

// The primary tag of each language range, in the header's order (navigator.languages).
PageLang accepted_lang(std::string_view header) {
    while (!header.empty()) {
        const std::size_t comma = header.find(',');
        std::string_view range = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
        while (!range.empty() && range.front() == ' ') range.remove_prefix(1);
        if (range.size() < 2) continue;
        const std::string code = {static_cast<char>(std::tolower(range[0])),
                                  static_cast<char>(std::tolower(range[1]))};
        if (code == "fr") return PageLang::fr;
        if (code == "en") return PageLang::en;
    }
    return PageLang::en;
}

}  // namespace

std::optional<PageState> page_state(const std::multimap<std::string, std::string>& params,
                                    std::string_view accept_language) {
    if (!first_or_empty(params, "practice").empty()) return std::nullopt;
    PageState state;
    const std::string lang = first_or_empty(params, "lang");
    state.lang = lang == "fr"   ? PageLang::fr
                 : lang == "en" ? PageLang::en
                                : accepted_lang(accept_language);
    const std::string q = first_or_empty(params, "q");
    state.search.query = q;
    if (!q.empty()) state.url.emplace("q", q);
    // As state.js: the words as typed, without the spelling correction the search would apply.
    if (first_or_empty(params, "as_typed") == "true") {
        state.search.as_typed = true;
        state.url.emplace("as_typed", "true");
    }
    for (const auto& [facet, url_name] : kPageFacets) {
        std::vector<std::string> values;
        const auto [begin, end] = params.equal_range(std::string(url_name));
        for (auto it = begin; it != end; ++it) {
            if (it->second.empty()) continue;
            if (std::find(values.begin(), values.end(), it->second) != values.end()) continue;
            values.push_back(it->second);
            state.url.emplace(url_name, it->second);
        }
        if (!values.empty()) state.search.filters[std::string(facet)] = std::move(values);
    }
    // As state.js: practices that concern every chosen article, not any one.
    if (first_or_empty(params, "article_match") == "all") {
        state.search.all_articles = true;
        state.url.emplace("article_match", "all");
    }
    state.browsing = q.empty() && state.search.filters.empty();
    // Browsing everything: all three priority domains (api.js does the same).
    if (state.browsing) {
        state.search.filters["domain"] = {"youth_children", "migrants_refugees", "poverty_crisis"};
    }
    // As state.js and api.js: the page's sorts are relevance, title and country, titles and
    // countries in the interface language.
    const std::string sort = first_or_empty(params, "sort");
    const bool known_sort = sort == "relevance" || sort == "title" || sort == "country";
    if (known_sort) state.url.emplace("sort", sort);
    const std::string effective = known_sort ? sort : (q.empty() ? "title" : "relevance");
    const bool english = state.lang == PageLang::en;
    state.search.sort = effective == "title" ? (english ? SortOrder::title_en : SortOrder::title)
                        : effective == "country"
                            ? (english ? SortOrder::country_en : SortOrder::country)
                            : SortOrder::relevance;
    const auto page = parse_leading_int(first_or_empty(params, "page"));
    const long page_number = page && *page >= 1 && *page <= kMaxPage ? *page : 1;
    if (page_number > 1) state.url.emplace("page", std::to_string(page_number));
    state.search.offset = static_cast<Xapian::doccount>(page_number - 1) * kPerPage;
    state.search.limit = kPerPage;
    const std::string situation = first_or_empty(params, "situation");
    if (!situation.empty()) state.url.emplace("situation", situation);
    return state;
}

namespace {

// An element with escaped attribute values around inner HTML.
std::string element(std::string_view tag,
                    std::initializer_list<std::pair<std::string_view, std::string_view>> attributes,
                    std::string_view inner) {
    std::string out = "<" + std::string(tag);
    for (const auto& [name, value] : attributes)
        out.append(" ").append(name).append("=\"").append(escape_markup(value)).append("\"");
    return out.append(">").append(inner).append("</").append(tag).append(">");
}

std::string text_of(const json& item, const char* key) {
    const auto found = item.find(key);
    return found != item.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// What state.js toQuery(withPatch({practice: id})) gives: the page's parameters in its order.
std::string practice_href(const PageState& state, std::string_view id) {
    std::string query;
    const auto add = [&query](std::string_view name, std::string_view value) {
        query.append(query.empty() ? "?" : "&").append(form_encode(name)).append("=");
        query.append(form_encode(value));
    };
    const auto add_all = [&](std::string_view name) {
        const auto [begin, end] = state.url.equal_range(std::string(name));
        for (auto it = begin; it != end; ++it) add(name, it->second);
    };
    add_all("q");
    add_all("as_typed");
    for (const auto& facet : kPageFacets) add_all(facet.second);
    add_all("article_match");
    add_all("sort");
    add_all("page");
    add("practice", id);
    add_all("situation");
    add("lang", lang_code(state.lang));
    return query;
}

class ResultRenderer {
public:
    ResultRenderer(const PageState& state, const json& labels)
        : state_(state), labels_(labels), texts_(texts(state.lang)) {}

    std::string render(const json& hit) const {
        const std::string id = text_of(hit, "id");
        std::string inner = title_lines(hit);
        inner += meta_line(hit);
        inner += snippet(text_of(hit, "snippet"));
        inner += article_reasons(hit.value("charter_articles", json::array()));
        return element("li", {{"class", "result"}, {"data-testid", "result"}, {"data-id", id}},
                       inner);
    }

private:
    // i18n.js fullLabel: the label in the page's language, else French, else English.
    std::string full_label(std::string_view facet, const std::string& value) const {
        const auto group = labels_.find(std::string(facet));
        if (group == labels_.end() || !group->is_object()) return {};
        const auto label = group->find(value);
        if (label == group->end() || !label->is_object()) return {};
        for (const char* lang : {state_.lang == PageLang::fr ? "fr" : "en", "fr", "en"}) {
            const std::string text = text_of(*label, lang);
            if (!text.empty()) return text;
        }
        return {};
    }

    std::string domain_label(const std::string& value) const {
        for (const auto& [domain, label] : texts_.short_domains) {
            if (domain == value) return std::string(label);
        }
        const std::string full = full_label("domain", value);
        return full.empty() ? value : full;
    }

    std::string country_names(const json& codes) const {
        std::string names;
        for (const auto& code : codes) {
            if (!code.is_string()) continue;
            const std::string label = full_label("country", code.get<std::string>());
            if (!names.empty()) names += ", ";
            names += label.empty() ? code.get<std::string>() : label;
        }
        return names;
    }

    // i18n.js titleParts and render-common.js titleLine, then the original title in English.
    std::string title_lines(const json& hit) const {
        const std::string id = text_of(hit, "id");
        std::string original = text_of(hit, "title");
        if (original.empty()) original = id;
        const std::string english = text_of(hit, "title_en");
        const bool title_is_ours = hit.value("title_is_ours", false);
        std::string text = original, lang = "fr", note, shown_original;
        if (state_.lang == PageLang::en && !english.empty()) {
            text = english;
            lang = "en";
            if (english != original) {
                note = texts_.our_translation;
                shown_original = original;
            }
        } else if (title_is_ours) {
            note = texts_.our_title;
        }
        std::string title = element(
            "a", {{"href", practice_href(state_, id)}, {"lang", lang}, {"class", "practice-link"}},
            escape_markup(text));
        if (!note.empty()) title += element("span", {{"class", "ours-note"}}, " " + note);
        std::string lines = element("h3", {{"class", "result-title"}}, title);
        if (!shown_original.empty()) {
            lines += element("p", {{"class", "original-title"}},
                             escape_markup(std::string(texts_.original_title) + " ") +
                                 element("span", {{"lang", "fr"}}, escape_markup(shown_original)));
        }
        return lines;
    }

    std::string meta_line(const json& hit) const {
        std::string places = country_names(hit.value("countries", json::array()));
        // i18n.js placeNames: in English, our English name of a place named in French.
        for (const std::string key : {"region", "city"}) {
            std::string place =
                state_.lang == PageLang::en ? text_of(hit, (key + "_en").c_str()) : "";
            if (place.empty()) place = text_of(hit, key.c_str());
            if (place.empty()) continue;
            if (!places.empty()) places += " · ";
            places += place;
        }
        std::string tags;
        for (const auto& domain : hit.value("priority_domains", json::array())) {
            if (!domain.is_object()) continue;
            tags += element("span", {{"class", "tag"}},
                            escape_markup(domain_label(text_of(domain, "domain"))));
        }
        std::string inner = escape_markup(places);
        if (!tags.empty()) inner += element("span", {{"class", "domains"}}, tags);
        return element("p", {{"class", "meta"}}, inner);
    }

    // dom.js snippet: escaped text with <mark>; with any other tag, shown as plain text.
    static std::string snippet(const std::string& text) {
        if (text.empty()) return {};
        std::string unmarked = text;
        for (const std::string_view mark : {"<mark>", "</mark>"}) {
            for (auto at = unmarked.find(mark); at != std::string::npos; at = unmarked.find(mark))
                unmarked.erase(at, mark.size());
        }
        const bool other_tags = unmarked.find_first_of("<>") != std::string::npos;
        return element("p", {{"class", "snippet"}, {"lang", "fr"}},
                       other_tags ? escape_markup(unmarked) : text);
    }

    // render-common.js articleReasons.
    std::string article_reasons(const json& articles) const {
        if (!articles.is_array() || articles.empty()) return {};
        std::string items;
        for (const auto& article : articles) {
            if (!article.is_object()) continue;
            const std::string number = text_of(article, "article");
            const bool named = text_of(article, "provenance") == "explicit";
            const bool weak = !named && text_of(article, "confidence") == "low";
            const std::string evidence = text_of(article, "evidence");
            std::string reason = escape_markup(std::string(" — ") +
                                               std::string(named  ? texts_.explicit_reason
                                                           : weak ? texts_.weakly_inferred_reason
                                                                  : texts_.inferred_reason));
            if (!evidence.empty()) {
                const std::string quoted = named ? "« " + evidence + " »" : evidence;
                reason += element("span", {{"lang", "fr"}},
                                  escape_markup(std::string(texts_.colon) + quoted));
            }
            items += element(
                "li", {},
                element("span", {{"class", "article-badge"}}, escape_markup("Art. " + number)) +
                    " " +
                    element("span", {{"class", "article-title"}},
                            escape_markup(full_label("article", number))) +
                    element("span", {{"class", "reason"}}, reason));
        }
        return element("ul", {{"class", "articles"}, {"aria-label", texts_.articles_of_hit}},
                       items);
    }

    const PageState& state_;
    const json& labels_;
    const Texts& texts_;
};

std::string count_text(const Texts& words, std::uint64_t total) {
    if (total == 0) return std::string(words.none_found);
    if (total == 1) return std::string(words.one_found);
    return std::to_string(total) + std::string(words.many_found);
}

// Fills the element that opens with `opening` (up to its '>'): `attributes` go into its tag
// and `inner` replaces its content up to `closing`. False if the template lacks them.
bool fill(std::string& page, std::string_view opening, std::string_view closing,
          std::string_view attributes, std::string_view inner) {
    const std::size_t start = page.find(opening);
    if (start == std::string::npos) return false;
    const std::size_t tag_end = page.find('>', start);
    if (tag_end == std::string::npos) return false;
    const std::size_t end = page.find(closing, tag_end);
    if (end == std::string::npos) return false;
    page.replace(tag_end + 1, end - tag_end - 1, inner);
    page.insert(tag_end, attributes);
    return true;
}

}  // namespace

std::string render_search_page(std::string_view page_template, const PageState& state,
                               const json& response, const json& labels) {
    const Texts& words = texts(state.lang);
    const std::uint64_t total = response.value("total", std::uint64_t{0});
    const ResultRenderer renderer(state, labels);
    std::string results;
    for (const auto& hit : response.value("hits", json::array())) results += renderer.render(hit);
    const std::string heading(state.browsing ? words.all_practices : words.results);
    std::string page(page_template);
    constexpr std::string_view kHtmlLang = "<html lang=\"fr\"";
    const std::size_t html = page.find(kHtmlLang);
    const bool filled =
        html != std::string::npos && fill(page, "<ol id=\"results\"", "</ol>", "", results) &&
        fill(page, "<p id=\"result-count\"", "</p>",
             " data-total=\"" + std::to_string(total) + "\"",
             escape_markup(count_text(words, total))) &&
        fill(page, "<h2 id=\"results-heading\"", "</h2>", "", escape_markup(heading));
    if (!filled) return std::string(page_template);
    page.replace(html, kHtmlLang.size(),
                 "<html lang=\"" + std::string(lang_code(state.lang)) + "\"");
    if (!state.search.query.empty()) {
        const std::string title = "<title>Cohesio</title>";
        if (const auto at = page.find(title); at != std::string::npos)
            page.replace(at, title.size(),
                         "<title>" + escape_markup(state.search.query) + " · Cohesio</title>");
    }
    return page;
}

}  // namespace cohesio
