#include "search/stopwords.h"

#include <string_view>

namespace cohesio {

namespace {

// Function words only: a query like "l'intégration des réfugiés" keeps its content words.
constexpr std::string_view kFrench[] = {
    "a",     "au",   "aux",   "avec",  "ce",    "ces",   "cet",    "cette", "dans", "de",    "des",
    "du",    "elle", "elles", "en",    "et",    "eux",   "il",     "ils",   "je",   "la",    "le",
    "les",   "leur", "leurs", "lui",   "ma",    "mais",  "me",     "meme",  "mes",  "moi",   "mon",
    "ne",    "nos",  "notre", "nous",  "on",    "ou",    "par",    "pas",   "pour", "qu",    "que",
    "qui",   "sa",   "se",    "ses",   "son",   "sur",   "ta",     "te",    "tes",  "toi",   "ton",
    "tu",    "un",   "une",   "vos",   "votre", "vous",  "c",      "d",     "j",    "l",     "m",
    "n",     "s",    "t",     "y",     "ete",   "etre",  "est",    "sont",  "ont",  "a",     "as",
    "avons", "avez", "ai",    "etait", "sera",  "ceci",  "cela",   "ca",    "dont", "lors",  "afin",
    "ainsi", "car",  "donc",  "entre", "chez",  "sans",  "sous",   "vers",  "tout", "tous",  "plus",
    "tres",  "sein", "aussi", "comme", "peut",  "leurs", "autres", "autre", "fait", "faire", "non"};
constexpr std::string_view kEnglish[] = {
    "a",    "an",    "and",  "are",  "as",    "at",    "be",    "been",  "but",   "by",
    "for",  "from",  "has",  "have", "he",    "her",   "his",   "how",   "i",     "if",
    "in",   "into",  "is",   "it",   "its",   "of",    "on",    "or",    "our",   "she",
    "so",   "than",  "that", "the",  "their", "them",  "then",  "there", "these", "they",
    "this", "those", "to",   "was",  "we",    "were",  "what",  "when",  "where", "which",
    "who",  "whom",  "why",  "will", "with",  "would", "you",   "your",  "can",   "do",
    "does", "did",   "not",  "no",   "up",    "out",   "about", "over",  "such",  "other"};

}  // namespace

void add_stopwords(Xapian::SimpleStopper& stopper) {
    for (auto word : kFrench) stopper.add(std::string(word));
    for (auto word : kEnglish) stopper.add(std::string(word));
}

Xapian::Stopper* make_stopper() {
    auto* stopper = new Xapian::SimpleStopper();
    add_stopwords(*stopper);
    // The caller's QueryParser owns it through Xapian's reference count.
    return stopper->release();
}

}  // namespace cohesio
