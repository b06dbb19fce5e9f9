#include "search/stopwords.h"

#include <algorithm>
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

// What any practice's sheet says whatever its subject: the verbs of project writing ("mettre
// en place", "améliorer", "provide", "runs") and words of scope or form ("niveau", "national",
// "programme", "people"). Folded.
constexpr std::string_view kGeneric[] = {
    // French
    "mettre", "mis", "mise", "place", "oeuvre", "niveau", "niveaux", "reduire", "ameliorer",
    "amelioration", "developper", "developpement", "renforcer", "renforcement", "assurer",
    "permettre", "permet", "favoriser", "soutenir", "soutien", "promouvoir", "creer", "creation",
    "offrir", "fournir", "realiser", "organiser", "collaborer", "collaborant", "collaboration",
    "cooperation", "partenariat", "partenaires", "national", "nationale", "nationales", "nationaux",
    "international", "internationale", "internationales", "internationaux", "regional", "regionale",
    "regionales", "regionaux", "local", "locale", "locales", "locaux", "projet", "projets",
    "programme", "programmes", "action", "actions", "mesure", "mesures", "activite", "activites",
    "cadre", "objectif", "objectifs", "besoin", "besoins", "service", "services", "public",
    "publique", "publics", "publiques", "ensemble", "general", "generale", "different",
    "differents", "differentes", "nouveau", "nouvelle", "nouveaux", "nouvelles", "important",
    "importante", "particulier", "notamment", "egalement", "possible", "travers", "domaine",
    "domaines", "question", "questions", "situation", "situations", "personne", "personnes",
    "groupe", "groupes", "systeme", "acteurs", "outil", "outils", "moyens", "resultats",
    "processus", "approche", "pays", "ville", "villes", "annee", "annees",
    // English
    "provide", "provides", "provided", "support", "supports", "help", "helps", "run", "runs",
    "improve", "develop", "development", "ensure", "promote", "create", "offer", "offers", "set",
    "people", "national", "international", "regional", "local", "project", "projects", "programme",
    "programmes", "program", "action", "actions", "measure", "measures", "activity", "activities",
    "service", "services", "public", "new", "level", "levels", "framework", "system", "approach",
    "tool", "tools", "group", "groups", "including", "also", "many", "various", "country",
    "countries", "city", "year", "years", "aucun", "aucune"};

bool listed(const std::string& word, const auto& list) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

}  // namespace

FunctionWordCounts count_function_words(const std::vector<std::string>& words) {
    FunctionWordCounts counts;
    for (const auto& word : words) {
        counts.french += listed(word, kFrench) ? 1 : 0;
        counts.english += listed(word, kEnglish) ? 1 : 0;
    }
    return counts;
}

void add_generic_words(Xapian::SimpleStopper& stopper) {
    for (auto word : kGeneric) stopper.add(std::string(word));
}

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
