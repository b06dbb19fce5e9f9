// The `cohesio` command: index the corpus, search it, show a practice, suggest similar ones.
#include <unicode/uversion.h>
#include <xapian.h>

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "main/commands.h"

namespace {

struct Command {
    std::string_view name;
    std::string_view usage;  // its lines of the usage text
    int (*run)(const std::vector<std::string>&);
};

constexpr Command kCommands[] = {
    {"index", R"(  index   [--corpus DIR] [--index DIR] [--reference DIR] [--strict] [--shards N]
          build the index from DIR/practices, checked against DIR/reference
          (defaults: corpus, index, corpus/reference); --strict: any bad record is fatal;
          --shards: N shard databases and a stub listing them (docs/scaling.md); without it
          a rebuild keeps the shards of the index it replaces
  index   --update PATH... [--index DIR] [--reference DIR] [--wait S]
  index   --delete ID... [--index DIR] [--wait S]
          change the served index in place, in one commit, without a rebuild: add or replace
          the records of PATH (files or directories), or delete practices; any bad record or
          unknown id changes nothing; --wait: seconds to wait for another writer (10).
          PATH is never - (standard input): a record is checked against its file's name
)",
     cohesio::run_index},
    {"search",
     R"(  search  QUERY [--country CC] [--domain D] [--category N] [--article A] [--source S]
          [--lang L] [--limit N] [--offset N] [--sort ORDER] [--as-typed] [--all-articles]
          [--index DIR] [--json]
          ORDER: relevance, title, title_en, country, country_en or date (the last update)
          QUERY uses Xapian syntax: "phrases", AND OR NOT, +word -word, article:31 country:AM;
          QUERY - reads it from standard input; an empty QUERY with filters lists the matching
          practices; a repeated filter is OR-ed, but --all-articles asks for practices that
          concern every --article given. Matched words are bold on a terminal, unless NO_COLOR
          is set or TERM is dumb, and [bracketed] elsewhere
)",
     cohesio::run_search},
    {"show", R"(  show    ID [--index DIR]
          print a practice record
)",
     cohesio::run_show},
    {"similar",
     R"(  similar ID [--limit N] [--same-country] [--same-article] [--all-countries] [--index DIR] [--json]
  similar --text "a situation" [--limit N] [--all-countries] [--index DIR] [--json]
          --index also takes a Xapian stub file listing shards, `remote HOST:PORT` ones
          waited for --shard-timeout MS (2000) at most, for search, show and similar too;
          --missing-shards answer: with a shard down, answer from the others, flagged partial
          (default fail: an error naming the shard)
          practices that tackle the same problem in a way that travels, at most two per
          country unless --all-countries, each with the reasons it was suggested;
          --text - reads the situation from standard input
)",
     cohesio::run_similar},
    {"serve", R"(  serve   [--bind ADDR] [--port N] [--index DIR] [--threads N] [--searchers N]
          [--searcher-wait MS] [--shard-timeout MS] [--missing-shards fail|answer]
          [--keep-alive S] [--timeout S] [--max-body BYTES]
          [--max-in-flight N] [--rate-limit N [--rate-burst N]] [--trusted-proxy ADDR]...
          [--cors-origin ORIGIN]...   (or COHESIO_BIND, COHESIO_PORT, COHESIO_INDEX, ...)
          --threads: connection threads (128); --searchers: concurrent searches (one per core)
          the HTTP API on http://127.0.0.1:8080/ by default; SIGINT/SIGTERM stop it cleanly
)",
     cohesio::run_serve},
    {"eval", R"(  eval    [--judgments FILE] [--baseline FILE] [--margin M] [--index DIR] [--json]
          measure search and suggestions against judged queries (tests/eval/judgments.json)
)",
     cohesio::run_eval},
};

std::string usage() {
    std::string text = "usage: cohesio <command> [options]\n       cohesio --version\n\n";
    text += "every command takes --help (or -h)\n\ncommands:\n";
    for (const auto& command : kCommands) text.append(command.usage);
    return text;
}

std::string command_usage(const Command& command) {
    return "usage:\n" + std::string(command.usage);
}

// The versions a bug report needs: ours and those of the libraries that index and fold.
std::string versions() {
    UVersionInfo icu;
    u_getVersion(icu);
    char icu_text[U_MAX_VERSION_STRING_LENGTH];
    u_versionToString(icu, icu_text);
    return "cohesio " COHESIO_VERSION "\nXapian " + std::string(Xapian::version_string()) +
           "\nICU " + icu_text + "\n";
}

// --help or -h among the options: those before "--", after which all is a positional.
bool asks_for_help(const std::vector<std::string>& args) {
    const auto options_end = std::find(args.begin(), args.end(), "--");
    return std::any_of(args.begin(), options_end,
                       [](const std::string& arg) { return arg == "--help" || arg == "-h"; });
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << usage();
        return 2;
    }
    const std::string name = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (name == "--version" || name == "version") {
        std::cout << versions();
        return 0;
    }
    const bool help = name == "help" || name == "--help" || name == "-h";
    const std::string wanted = help && !args.empty() ? args[0] : name;
    for (const auto& command : kCommands) {
        if (command.name != wanted) continue;
        if (help || asks_for_help(args)) {
            std::cout << command_usage(command);
            return 0;
        }
        return command.run(args);
    }
    if (help && args.empty()) {
        std::cout << usage();
        return 0;
    }
    std::cerr << "cohesio: unknown command '" << wanted << "'\n" << usage();
    return 2;
} catch (const std::exception& e) {
    // Errors are values everywhere below; reaching this is a bug, but still not a crash.
    std::cerr << "cohesio: internal error: " << e.what() << "\n";
    return 1;
}
