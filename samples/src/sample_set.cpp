// SPDX-License-Identifier: Apache-2.0
#include "catalog.h"
#include "slate_samples/samples.h"

namespace media::samples {

std::string_view to_string(SampleSet set) {
    switch (set) {
        case SampleSet::Dailies:
            return "dailies";
        case SampleSet::Defects:
            return "defects";
        case SampleSet::Masters:
            return "masters";
        case SampleSet::All:
            return "all";
    }
    return "unknown";
}

std::optional<SampleSet> parse_sample_set(std::string_view text) {
    for (SampleSet set :
         {SampleSet::Dailies, SampleSet::Defects, SampleSet::Masters, SampleSet::All})
        if (text == to_string(set)) return set;
    return std::nullopt;
}

std::vector<ClipSummary> list_samples(SampleSet set) {
    std::vector<ClipSummary> out;
    for (const auto& entry : catalog())
        if (set == SampleSet::All || entry.set == set)
            out.push_back({entry.name, entry.set, entry.description});
    return out;
}

}  // namespace media::samples
