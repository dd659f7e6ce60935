// SPDX-License-Identifier: Apache-2.0
// Stripes along a line: alternating extrema at least `min_swing` apart (a zigzag with
// hysteresis, so noise and texture below the swing never split a stripe); stretches of them
// that could be a pattern (dark ends below the limit, stripes at least two samples wide, enough
// of them); in those only, the mid-level crossings between extrema to a fraction of a sample,
// runs whose full periods (rising edge to rising edge, so unequal light and dark widths stay
// regular) agree with the run's mean period, and a flatness test that keeps bars and leaves out
// sine gratings. Most lines of natural pictures end after the zigzag, which is one pass.
#include "flash_stripes.h"

#include <algorithm>
#include <cmath>

namespace media::analysis::detail {
namespace {

struct Extremum {
    int index = 0;
    float value = 0.0f;
};

// Follows the line one way until it comes back `swing` from the extreme it reached; returns the
// sample after the turn (count when the line ends first) and leaves the extreme in `extreme`.
template <bool Rising>
int follow(const float* v, int j, int count, float swing, Extremum& extreme) {
    for (; j < count; ++j) {
        const float x = v[j];
        if (Rising ? x > extreme.value : x < extreme.value) {
            extreme = {j, x};
        } else if (Rising ? x <= extreme.value - swing : x >= extreme.value + swing) {
            return j;
        }
    }
    return count;
}

// Alternating peaks and troughs, each at least `swing` from the one before.
void find_extrema(const float* v, int count, float swing, std::vector<Extremum>& out) {
    out.clear();
    Extremum low{0, count > 0 ? v[0] : 0.0f}, high = low;
    int j = 1;
    for (; j < count && high.value - low.value < swing; ++j) {
        if (v[j] > high.value) high = {j, v[j]};
        if (v[j] < low.value) low = {j, v[j]};
    }
    if (high.value - low.value < swing) return;
    bool rising = high.index > low.index;
    out.push_back(rising ? low : high);
    Extremum extreme = rising ? high : low;
    // Each leg starts at least `swing` from the extreme before it, so the last one, confirmed
    // or not, is a stripe too.
    while (j < count) {
        j = rising ? follow<true>(v, j, count, swing, extreme)
                   : follow<false>(v, j, count, swing, extreme);
        out.push_back(extreme);
        if (j < count) extreme = {j, v[j]};
        rising = !rising;
        ++j;
    }
    if (j == count) out.push_back(extreme);
}

float position_of(const float* positions, int j) {
    return positions ? positions[j] : static_cast<float>(j);
}

// The mid-level crossing between two neighbouring extrema: its position (interpolated) and the
// last sample before it.
struct Crossing {
    float position = 0.0f;
    int before = 0;
};

Crossing crossing(const float* v, const float* positions, Extremum a, Extremum b) {
    const float mid = 0.5f * (a.value + b.value);
    const bool rising = b.value > a.value;
    for (int j = a.index; j < b.index; ++j) {
        const bool crossed = rising ? v[j + 1] >= mid : v[j + 1] <= mid;
        if (!crossed) continue;
        const float t = (mid - v[j]) / (v[j + 1] - v[j]);
        const float p0 = position_of(positions, j), p1 = position_of(positions, j + 1);
        return {p0 + t * (p1 - p0), j};
    }
    return {position_of(positions, b.index), b.index - 1};
}

// One line's extrema and, for the stretch being judged, the crossings between them
// (crossings[k] lies between extrema k and k + 1) and each stripe's flatness.
struct Line {
    const float* values = nullptr;
    const float* positions = nullptr;
    std::vector<Extremum> extrema;
    std::vector<Crossing> crossings;
    std::vector<float> flatness;

    // Share of stripe k's samples (between its two crossings) within a tenth of its swing of
    // its extreme: close to 1 for bars, about 0.4 for a sine grating, which sits between its
    // levels much of the time.
    float flatness_of(size_t k) const {
        const Extremum e = extrema[k];
        const float swing = std::min(std::fabs(e.value - extrema[k - 1].value),
                                     std::fabs(extrema[k + 1].value - e.value));
        const int first = crossings[k - 1].before + 1, last = crossings[k].before;
        int flat = 0;
        for (int j = first; j <= last; ++j) flat += std::fabs(values[j] - e.value) <= 0.1f * swing;
        return last >= first ? static_cast<float>(flat) / static_cast<float>(last - first + 1)
                             : 0.0f;
    }
};

// Splits a stretch of extrema into runs of regular period and emits the runs that qualify.
class RunBuilder {
public:
    RunBuilder(const StripeRules& rules, std::vector<StripeRun>& out)
        : m_rules(rules), m_out(out) {}

    void build(const Line& line, size_t first, size_t last) {
        restart(first);
        for (size_t k = first + 3; k <= last; ++k) {
            const float period = line.crossings[k - 1].position - line.crossings[k - 3].position;
            if (regular(period)) continue;
            close(line, k - 1);
            restart(k - 2);
        }
        close(line, last);
    }

private:
    bool regular(float period) {
        if (m_periods > 0) {
            const float mean = m_period_sum / static_cast<float>(m_periods);
            if (std::fabs(period - mean) > m_rules.tolerance * mean) return false;
        }
        m_period_sum += period;
        ++m_periods;
        return true;
    }

    void restart(size_t start) {
        m_start = start;
        m_period_sum = 0.0f;
        m_periods = 0;
    }

    // Emits extrema m_start..last as a run when there are enough stripes and they are bars.
    void close(const Line& line, size_t last) {
        const std::vector<Extremum>& e = line.extrema;
        const size_t stripes = last + 1 - m_start;
        if (stripes < static_cast<size_t>(2 * m_rules.min_pairs)) return;
        const int span = e[last].index - e[m_start].index;
        if (span < m_rules.min_stripe_samples * static_cast<int>(stripes - 1)) return;
        float swing = 0.0f, flatness = 0.0f;
        for (size_t k = m_start + 1; k <= last; ++k)
            swing += std::fabs(e[k].value - e[k - 1].value);
        for (size_t k = m_start + 1; k < last; ++k) flatness += line.flatness[k];
        if (flatness < m_rules.min_flatness * static_cast<float>(stripes - 2)) return;
        m_out.push_back({e[m_start].index, e[last].index, swing / static_cast<float>(stripes - 1)});
    }

    const StripeRules& m_rules;
    std::vector<StripeRun>& m_out;
    size_t m_start = 0;
    float m_period_sum = 0.0f;
    int m_periods = 0;
};

// Extrema first..last could hold a pattern: enough of them, wide enough on average.
bool worth_judging(const Line& line, size_t first, size_t last, const StripeRules& rules) {
    if (last + 1 - first < static_cast<size_t>(2 * rules.min_pairs)) return false;
    const int span = line.extrema[last].index - line.extrema[first].index;
    return span >= rules.min_stripe_samples * static_cast<int>(last - first);
}

// A stripe much less flat than bars ends any run through it: zone plates and sine gratings are
// dropped here, before the regularity search.
constexpr float k_min_stripe_flatness = 0.5f;

void judge(Line& line, size_t first, size_t last, const StripeRules& rules,
           std::vector<StripeRun>& out) {
    line.crossings.resize(line.extrema.size());
    line.flatness.resize(line.extrema.size());
    for (size_t k = first; k < last; ++k)
        line.crossings[k] =
            crossing(line.values, line.positions, line.extrema[k], line.extrema[k + 1]);
    size_t start = first;
    for (size_t k = first + 1; k <= last; ++k) {
        if (k < last) {
            line.flatness[k] = line.flatness_of(k);
            if (line.flatness[k] >= k_min_stripe_flatness) continue;
        }
        if (worth_judging(line, start, k, rules)) RunBuilder(rules, out).build(line, start, k);
        start = k;
    }
}

}  // namespace

struct StripeScratch {
    Line line;
};

StripeFinder::StripeFinder() : m_scratch(std::make_unique<StripeScratch>()) {}
StripeFinder::~StripeFinder() = default;

void StripeFinder::find(const float* values, const float* positions, int count,
                        const StripeRules& rules, std::vector<StripeRun>& out) {
    Line& line = m_scratch->line;
    line.values = values;
    line.positions = positions;
    find_extrema(values, count, rules.min_swing, line.extrema);
    const std::vector<Extremum>& e = line.extrema;
    // Stretches where every swing has its dark end below the limit and every stripe is at least
    // two samples wide (narrower ones are unresolved at this sampling).
    size_t first = 0;
    for (size_t k = 1; k <= e.size(); ++k) {
        if (k < e.size() && e[k].index - e[k - 1].index >= 2 &&
            std::min(e[k - 1].value, e[k].value) < rules.dark_limit)
            continue;
        if (worth_judging(line, first, k - 1, rules)) judge(line, first, k - 1, rules, out);
        first = k;
    }
}

}  // namespace media::analysis::detail
