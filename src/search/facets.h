// Exact facet counts over every matching document. Xapian's ValueCountMatchSpy holds one value
// per slot; ours reads the list slots of schema.h, so a practice with two articles counts once
// for each. The caller must make the match examine every document (check_at_least = doccount).
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <vector>

namespace cohesio {

class FacetSpy : public Xapian::MatchSpy {
public:
    explicit FacetSpy(std::vector<Xapian::valueno> slots) : slots_(std::move(slots)) {}

    void operator()(const Xapian::Document& document, double weight) override;
    std::string name() const override { return "cohesio.FacetSpy"; }

    // Counts of `slot` by value.
    const std::map<std::string, Xapian::doccount>& counts(Xapian::valueno slot) const;

private:
    std::vector<Xapian::valueno> slots_;
    std::map<Xapian::valueno, std::map<std::string, Xapian::doccount>> counts_;
};

}  // namespace cohesio
