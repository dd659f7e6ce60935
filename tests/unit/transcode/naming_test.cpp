// SPDX-License-Identifier: Apache-2.0
// Output naming templates: expansion, escaping of braces, and values that try to leave the
// output folder, hide a file or smuggle control characters into a name.
#include "media/transcode/naming.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace media::transcode {
namespace {

using ::testing::HasSubstr;

NamingFields clip_fields() {
    return {{"clip", "A001C003_230412_R1AB"}, {"reel", "A001"},       {"tc", "01:00:00:00"},
            {"preset", "h264_review"},        {"date", "2024-05-01"}, {"ext", ".mp4"}};
}

std::string expand(std::string_view pattern, const NamingFields& fields = clip_fields()) {
    auto result = expand_naming(pattern, fields);
    EXPECT_TRUE(result.ok()) << result.error().to_string();
    return result.ok() ? *result : std::string();
}

std::vector<std::string> components(const std::string& path) {
    std::vector<std::string> parts;
    size_t begin = 0;
    while (begin <= path.size()) {
        size_t end = path.find('/', begin);
        if (end == std::string::npos) end = path.size();
        parts.push_back(path.substr(begin, end - begin));
        begin = end + 1;
    }
    return parts;
}

TEST(Naming, ExpandsFields) {
    EXPECT_EQ(expand("{clip}_{preset}"), "A001C003_230412_R1AB_h264_review");
    EXPECT_EQ(expand("{reel}/{clip}"), "A001/A001C003_230412_R1AB");
    EXPECT_EQ(expand("dailies_{date}/{reel}/{clip}_v1"),
              "dailies_2024-05-01/A001/A001C003_230412_R1AB_v1");
    EXPECT_EQ(expand("plain"), "plain");
}

TEST(Naming, TimecodeColonsBecomeDashes) {
    EXPECT_EQ(expand("{clip}_{tc}"), "A001C003_230412_R1AB_01-00-00-00");
    EXPECT_EQ(expand("{tc}", {{"tc", "00:59:59;29"}}), "00-59-59;29");
}

TEST(Naming, DoubledBracesAreLiteral) {
    EXPECT_EQ(expand("{{{clip}}}"), "{A001C003_230412_R1AB}");
    EXPECT_EQ(expand("a{{b}}c"), "a{b}c");
}

TEST(Naming, PatternSlashesMakeFoldersAndNeverARootedPath) {
    EXPECT_EQ(expand("/{reel}//{clip}/"), "A001/A001C003_230412_R1AB");
    EXPECT_EQ(expand("./{reel}/./{clip}"), "A001/A001C003_230412_R1AB");
    // An empty value leaves no empty folder behind.
    EXPECT_EQ(expand("{reel}/{clip}", {{"reel", ""}, {"clip", "c"}}), "c");
}

TEST(Naming, SanitizesValues) {
    struct Case {
        std::string value;
        std::string expected;
    };
    const std::vector<Case> cases{
        {"../../etc", "_.._etc"},  // slashes go first, then the leading dots
        {"a/b", "a_b"},
        {"a\\b", "a_b"},
        {"x:y", "x-y"},
        {"..", ""},
        {".", ""},
        {".hidden", "hidden"},
        {"...x", "x"},
        {"/abs", "_abs"},
        {std::string("a\x01\tb\n\x7f", 6), "a__b__"},
        {"caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC",
         "caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC"},  // UTF-8 kept
        {"a\xC2\x85z", "a_z"},                     // U+0085 NEL
        {"quote'\"%#;{}", "quote'\"%#;{}"},        // not special in a file name
        {"", ""},
    };
    for (const Case& c : cases) EXPECT_EQ(sanitize_file_component(c.value), c.expected) << c.value;
}

TEST(Naming, HostileValuesNeverLeaveTheOutputFolder) {
    const std::vector<std::string> hostile{
        "../../etc", "..",        "../", "/etc/passwd", ".",    "a/../../b",  "x:y",   ".hidden",
        "\\..\\..",  "..\\..\\x", "/",   "//..//..",    "\n..", "\xC2\x85..", "-rf *", "~root"};
    const std::vector<std::string> patterns{"{clip}", "{reel}/{clip}", "out/{clip}/{reel}_{tc}",
                                            "{clip}{reel}", "{tc}/{preset}"};
    for (const std::string& value : hostile)
        for (const std::string& pattern : patterns) {
            const NamingFields fields{
                {"clip", value}, {"reel", value}, {"tc", value}, {"preset", "p"}};
            auto result = expand_naming(pattern, fields);
            if (!result.ok()) {  // only allowed when nothing is left of the name
                EXPECT_THAT(result.error().message(), HasSubstr("empty"))
                    << pattern << " " << value;
                continue;
            }
            ASSERT_FALSE(result->empty());
            EXPECT_NE(result->front(), '/') << *result;
            for (const std::string& part : components(*result)) {
                EXPECT_FALSE(part.empty()) << *result;
                EXPECT_NE(part, "..") << *result;
                EXPECT_NE(part, ".") << *result;
                EXPECT_NE(part.front(), '.') << "hidden: " << *result;
                for (char c : part) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << *result;
            }
        }
}

TEST(Naming, RejectsBadPatterns) {
    struct Case {
        std::string pattern;
        std::string problem;
    };
    const std::vector<Case> cases{
        {"{clip}_{nope}", "unknown field '{nope}'"},
        {"{}", "unknown field '{}'"},
        {"{clip", "unclosed '{' at column 1"},
        {"x_{cl{ip}", "unclosed '{' at column 3"},
        {"clip}", "unmatched '}' at column 5"},
        {"../{clip}", "'..'"},
        {"{clip}/../x", "'..'"},
        {"", "empty"},
        {"/./", "empty"},
    };
    for (const Case& c : cases) {
        auto result = expand_naming(c.pattern, clip_fields());
        ASSERT_FALSE(result.ok()) << c.pattern;
        EXPECT_EQ(result.error().code(), ErrorCode::InvalidArgument);
        EXPECT_THAT(result.error().message(), HasSubstr(c.problem)) << c.pattern;
        EXPECT_THAT(result.error().message(), HasSubstr("naming pattern '" + c.pattern + "'"));
    }
}

TEST(Naming, UnknownFieldErrorListsTheFields) {
    auto result = expand_naming("{clipp}", {{"clip", "a"}, {"reel", "b"}});
    ASSERT_FALSE(result.ok());
    EXPECT_THAT(result.error().message(), HasSubstr("(fields: clip, reel)"));
}

TEST(Naming, CheckNamingKnowsTheDocumentedFields) {
    const std::vector<std::string_view> expected{"clip",   "reel", "tc",    "preset",
                                                 "date",   "time", "codec", "width",
                                                 "height", "fps",  "ext",   "index"};
    const auto names = naming_field_names();
    EXPECT_EQ(std::vector<std::string_view>(names.begin(), names.end()), expected);
    EXPECT_TRUE(check_naming("{reel}/{clip}_{tc}_{preset}_{date}_{time}_{codec}_{width}x{height}_"
                             "{fps}{ext}_{index}")
                    .ok());
    EXPECT_FALSE(check_naming("{clip}_{shot}").ok());
    EXPECT_FALSE(check_naming("{clip").ok());
    EXPECT_FALSE(check_naming("../{clip}").ok());
}

}  // namespace
}  // namespace media::transcode
