// The `cohesio` subcommands. Each takes the arguments after its name and returns an exit code.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"

namespace cohesio {

int run_index(const std::vector<std::string>& args);
int run_search(const std::vector<std::string>& args);
int run_show(const std::vector<std::string>& args);
int run_similar(const std::vector<std::string>& args);
int run_eval(const std::vector<std::string>& args);
int run_serve(const std::vector<std::string>& args);

// Prints "cohesio: <where>: <message>" to stderr and returns the exit code for usage errors.
int report_error(const Error& error);

}  // namespace cohesio
