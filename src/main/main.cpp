// The `cohesio` command: index the corpus, search it, show a practice, suggest similar ones.
#include <iostream>
#include <string>
#include <vector>

#include "main/commands.h"

namespace {

constexpr const char* kUsage = R"(usage: cohesio <command> [options]

commands:
  index   [--corpus DIR] [--index DIR] [--reference DIR] [--strict]
          build the index from DIR/practices, checked against DIR/reference
          (defaults: corpus, index, corpus/reference); --strict: any bad record is fatal
  index   --update PATH... [--index DIR] [--reference DIR] [--wait S]
  index   --delete ID... [--index DIR] [--wait S]
          change the served index in place, in one commit, without a rebuild: add or replace
          the records of PATH (files or directories), or delete practices; any bad record or
          unknown id changes nothing; --wait: seconds to wait for another writer (10)
  search  QUERY [--country CC] [--domain D] [--category N] [--article A] [--source S]
          [--lang L] [--limit N] [--offset N] [--sort relevance|title|date] [--as-typed]
          [--all-articles] [--index DIR] [--json]
          QUERY uses Xapian syntax: "phrases", AND OR NOT, +word -word, article:31 country:AM;
          an empty QUERY with filters lists the matching practices; a repeated filter is OR-ed,
          but --all-articles asks for practices that concern every --article given
  show    ID [--index DIR]
          print a practice record
  similar ID [--limit N] [--same-country] [--same-article] [--all-countries] [--index DIR] [--json]
  similar --text "a situation" [--limit N] [--all-countries] [--index DIR] [--json]
          practices that tackle the same problem in a way that travels, at most two per
          country unless --all-countries, each with the reasons it was suggested
  serve   [--bind ADDR] [--port N] [--index DIR] [--threads N] [--searchers N]
          [--searcher-wait MS] [--keep-alive S] [--timeout S] [--max-body BYTES]
          [--max-in-flight N] [--rate-limit N [--rate-burst N]] [--trusted-proxy ADDR]...
          [--cors-origin ORIGIN]...   (or COHESIO_BIND, COHESIO_PORT, COHESIO_INDEX, ...)
          --threads: connection threads (128); --searchers: concurrent searches (one per core)
          the HTTP API on http://127.0.0.1:8080/ by default; SIGINT/SIGTERM stop it cleanly
  eval    [--judgments FILE] [--baseline FILE] [--margin M] [--index DIR] [--json]
          measure search and suggestions against judged queries (tests/eval/judgments.json)
)";

}  // namespace

int main(int argc, char** argv) try {
    if (argc < 2) {
        std::cerr << kUsage;
        return 2;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "index") return cohesio::run_index(args);
    if (command == "search") return cohesio::run_search(args);
    if (command == "show") return cohesio::run_show(args);
    if (command == "similar") return cohesio::run_similar(args);
    if (command == "eval") return cohesio::run_eval(args);
    if (command == "serve") return cohesio::run_serve(args);
    if (command == "help" || command == "--help" || command == "-h") {
        std::cout << kUsage;
        return 0;
    }
    std::cerr << "cohesio: unknown command '" << command << "'\n" << kUsage;
    return 2;
} catch (const std::exception& e) {
    // Errors are values everywhere below; reaching this is a bug, but still not a crash.
    std::cerr << "cohesio: internal error: " << e.what() << "\n";
    return 1;
}
