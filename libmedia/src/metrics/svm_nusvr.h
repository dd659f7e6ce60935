// SPDX-License-Identifier: Apache-2.0
// The libsvm text model a VMAF model file embeds ("svm_type nu_svr", "kernel_type rbf", header
// lines, then "SV" and one "coef 1:v1 2:v2 ..." line per support vector), read strictly, and its
// prediction: sum_j coef_j * exp(-gamma * |x - sv_j|^2) - rho, summed in libsvm's order so the
// result matches libvmaf's to the last bits. Private to the metrics module.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "media/core/result.h"

namespace media::metrics::detail {

/// A nu-SVR with RBF kernel over `dims` features; support vectors are stored dense (libsvm
/// omits zero entries), row after row.
struct SvmNuSvr {
    int dims = 0;
    double gamma = 0;
    double rho = 0;
    std::vector<double> coefs;
    std::vector<double> vectors;

    /// The raw SVM output for one normalised feature vector of `dims` values.
    double predict(const double* x) const {
        double sum = 0;
        const double* sv = vectors.data();
        for (const double coef : coefs) {
            double distance = 0;
            for (int i = 0; i < dims; ++i) {
                const double d = x[i] - sv[i];
                distance += d * d;
            }
            sum += coef * std::exp(-gamma * distance);
            sv += dims;
        }
        return sum - rho;
    }
};

namespace svm_text {

/// Splits on blanks (spaces, tabs, '\r').
inline std::vector<std::string_view> words(std::string_view line) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        const size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        if (i > start) out.push_back(line.substr(start, i - start));
    }
    return out;
}

/// A finite number in C syntax, independent of the locale; nullopt-like false on failure.
inline bool to_number(std::string_view text, double& value) {
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end && std::isfinite(value);
}

inline bool to_count(std::string_view text, int64_t& value) {
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end;
}

inline Error fail(int line, const std::string& what) {
    return Error(ErrorCode::InvalidArgument, fmt::format("line {}: {}", line, what));
}

struct Header {
    bool have_type = false, have_kernel = false, have_gamma = false, have_rho = false;
    int64_t total_sv = -1;
};

/// One header line ("key value..."); unknown keys and values this model cannot use are errors.
inline Result<void> read_header_line(const std::vector<std::string_view>& w, int line,
                                     Header& header, SvmNuSvr& svm) {
    const std::string key(w[0]);
    auto one_value = [&]() -> Result<void> {
        if (w.size() != 2) return fail(line, fmt::format("'{}' takes one value", key));
        return ok();
    };
    auto number = [&](double& out) -> Result<void> {
        MEDIA_TRY(one_value());
        if (!to_number(w[1], out))
            return fail(line, fmt::format("'{}' is not a finite number: '{}'", key, w[1]));
        return ok();
    };
    if (key == "svm_type") {
        MEDIA_TRY(one_value());
        if (w[1] != "nu_svr")
            return fail(line, fmt::format("svm_type '{}' is not supported (only nu_svr)", w[1]));
        header.have_type = true;
    } else if (key == "kernel_type") {
        MEDIA_TRY(one_value());
        if (w[1] != "rbf")
            return fail(line, fmt::format("kernel_type '{}' is not supported (only rbf)", w[1]));
        header.have_kernel = true;
    } else if (key == "gamma") {
        MEDIA_TRY(number(svm.gamma));
        header.have_gamma = true;
    } else if (key == "rho") {
        MEDIA_TRY(number(svm.rho));
        header.have_rho = true;
    } else if (key == "nr_class") {
        int64_t classes = 0;
        MEDIA_TRY(one_value());
        if (!to_count(w[1], classes) || classes != 2)
            return fail(line,
                        fmt::format("nr_class must be 2 for a regression model, not '{}'", w[1]));
    } else if (key == "total_sv") {
        MEDIA_TRY(one_value());
        if (!to_count(w[1], header.total_sv) || header.total_sv < 1)
            return fail(line, fmt::format("total_sv must be a positive count, not '{}'", w[1]));
    } else if (key == "degree" || key == "coef0") {
        double unused = 0;  // kernel parameters that the RBF kernel does not use
        MEDIA_TRY(number(unused));
    } else {
        return fail(line, fmt::format("unknown header key '{}'", key));
    }
    return ok();
}

/// One "coef i:v i:v ..." line: indices strictly increasing in 1..dims, values finite.
inline Result<void> read_vector_line(const std::vector<std::string_view>& w, int line,
                                     SvmNuSvr& svm) {
    double coef = 0;
    if (!to_number(w[0], coef))
        return fail(line,
                    fmt::format("support vector coefficient '{}' is not a finite number", w[0]));
    if (static_cast<int64_t>(w.size()) - 1 > svm.dims)
        return fail(line, fmt::format("support vector has {} entries, the model has {} features",
                                      w.size() - 1, svm.dims));
    svm.coefs.push_back(coef);
    const size_t row = svm.vectors.size();
    svm.vectors.resize(row + static_cast<size_t>(svm.dims), 0.0);
    int64_t previous = 0;
    for (size_t k = 1; k < w.size(); ++k) {
        const size_t colon = w[k].find(':');
        int64_t index = 0;
        double value = 0;
        if (colon == std::string_view::npos || !to_count(w[k].substr(0, colon), index) ||
            !to_number(w[k].substr(colon + 1), value))
            return fail(line, fmt::format("'{}' is not 'index:value' with a finite value", w[k]));
        if (index <= previous || index > svm.dims)
            return fail(line,
                        fmt::format("index {} out of order or outside 1..{}", index, svm.dims));
        svm.vectors[row + static_cast<size_t>(index - 1)] = value;
        previous = index;
    }
    return ok();
}

}  // namespace svm_text

/// Parses libsvm's text model for `dims` features. Errors name the line (1-based) at fault.
inline Result<SvmNuSvr> parse_svm_nusvr(std::string_view text, int dims) {
    using namespace svm_text;
    SvmNuSvr svm;
    svm.dims = dims;
    Header header;
    bool in_vectors = false;
    int line = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t eol = std::min(text.find('\n', pos), text.size());
        const std::vector<std::string_view> w = words(text.substr(pos, eol - pos));
        pos = eol + 1;
        ++line;
        if (w.empty()) continue;
        if (!in_vectors && w[0] == "SV") {
            if (w.size() != 1) return fail(line, "'SV' stands alone on its line");
            if (!header.have_type || !header.have_kernel || !header.have_gamma ||
                !header.have_rho || header.total_sv < 0)
                return fail(line,
                            "header lacks one of svm_type, kernel_type, gamma, total_sv, "
                            "rho before 'SV'");
            in_vectors = true;
        } else if (!in_vectors) {
            MEDIA_TRY(read_header_line(w, line, header, svm));
        } else {
            if (static_cast<int64_t>(svm.coefs.size()) == header.total_sv)
                return fail(line,
                            fmt::format("more support vectors than total_sv {}", header.total_sv));
            MEDIA_TRY(read_vector_line(w, line, svm));
        }
    }
    if (!in_vectors) return fail(line, "no 'SV' line: the model has no support vectors");
    if (static_cast<int64_t>(svm.coefs.size()) != header.total_sv)
        return fail(line, fmt::format("{} support vectors, total_sv says {}", svm.coefs.size(),
                                      header.total_sv));
    return svm;
}

}  // namespace media::metrics::detail
