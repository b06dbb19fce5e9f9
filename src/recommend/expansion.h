// Query expansion from one practice, by Xapian's Bo1 scheme (Enquire::get_eset with
// set_expansion_scheme("bo1")), computed here so that the terms' collection frequencies come
// through TermStats: get_eset asks every shard for each candidate's, hundreds of round trips
// for one practice over the remote backend, the bulk of "similar"'s time there.
#pragma once

#include <xapian.h>

#include <functional>
#include <string>
#include <vector>

namespace cohesio {

struct TermUse {
    std::string term;
    Xapian::termcount wdf = 0;  // within the practice
};

struct ExpandTerm {
    std::string term;
    double weight = 0;
};

// The `count` best terms of a practice (its terms in term list order, that is sorted), those
// `decider` accepts, in a collection of `documents`, ordered and tie-broken as Xapian 1.4's
// ESet: the same terms, weights and order as get_eset with one relevant document.
std::vector<ExpandTerm> bo1_expansion(
    const std::vector<TermUse>& practice_terms, Xapian::doccount documents,
    const std::function<Xapian::termcount(const std::string&)>& collection_freq,
    const Xapian::ExpandDecider& decider, std::size_t count);

}  // namespace cohesio
