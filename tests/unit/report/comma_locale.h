// SPDX-License-Identifier: Apache-2.0
// Switches the process to a decimal-comma locale for a test's lifetime: the global C++ locale
// always (a custom numpunct facet, so no system locale is needed), the C locale (setlocale,
// which printf/strtod follow) when the system has a German or French locale installed.
#pragma once

#include <clocale>
#include <locale>
#include <string>

namespace media::test {

struct CommaNumpunct : std::numpunct<char> {
    char do_decimal_point() const override { return ','; }
    char do_thousands_sep() const override { return '.'; }
    std::string do_grouping() const override { return "\3"; }
};

class CommaLocale {
public:
    CommaLocale()
        : m_old_cpp(std::locale::global(std::locale(std::locale::classic(), new CommaNumpunct))),
          m_old_c(std::setlocale(LC_ALL, nullptr)) {
        for (const char* name :
             {"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "de_DE", "fr_FR"}) {
            if (std::setlocale(LC_ALL, name) && *std::localeconv()->decimal_point == ',') {
                m_c_locale = name;
                return;
            }
        }
        std::setlocale(LC_ALL, m_old_c.c_str());
    }
    ~CommaLocale() {
        std::setlocale(LC_ALL, m_old_c.c_str());
        std::locale::global(m_old_cpp);
    }
    CommaLocale(const CommaLocale&) = delete;
    CommaLocale& operator=(const CommaLocale&) = delete;

    /// The C locale set with a decimal comma ("" when none is installed).
    const std::string& c_locale() const { return m_c_locale; }

private:
    std::locale m_old_cpp;
    std::string m_old_c;
    std::string m_c_locale;
};

}  // namespace media::test
