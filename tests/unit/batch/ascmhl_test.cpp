// SPDX-License-Identifier: Apache-2.0
// ASC MHL generations against the v2.0 schema's structure (ascmitc/mhl xsd/ASCMHL.xsd,
// ASCMHLDirectory.xsd): file names, elements, actions, and the chain file's C4 references.
#include "media/batch/ascmhl.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "media/batch/checksum.h"
#include "scratch_dir.h"

namespace media::batch {
namespace {

namespace fs = std::filesystem;

const std::string kHostile = "a&b <c> \"d\" 'e'.mov";

void write(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// A delivery folder: three files, plus what must not be recorded.
fs::path make_delivery(const test::ScratchDir& dir) {
    const fs::path root = dir.path() / "DAY01";
    write(root / "abc.txt", "abc");
    write(root / "Clips" / "A001C001.mov", std::string(1000, 'v'));
    write(root / "Clips" / kHostile, "hostile");
    write(root / ".DS_Store", "finder");
    write(root / "Clips" / ".A001C002.mov.partial-123", "half");
    return root;
}

const pugi::xml_node hash_for(const pugi::xml_document& doc, const std::string& path) {
    for (auto hash : doc.child("hashlist").child("hashes").children("hash"))
        if (path == hash.child("path").text().as_string()) return hash;
    return {};
}

TEST(AscMhl, FirstGenerationFollowsTheSchema) {
    test::ScratchDir dir;
    const fs::path root = make_delivery(dir);
    auto generation = create_mhl_generation(root.string());
    ASSERT_TRUE(generation) << generation.error().to_string();
    EXPECT_EQ(generation->number, 1);
    EXPECT_EQ(generation->files, 3);
    EXPECT_EQ(generation->new_files, 3);
    const fs::path manifest(generation->manifest_path);
    EXPECT_EQ(manifest.parent_path(), root / "ascmhl");
    EXPECT_TRUE(std::regex_match(manifest.filename().string(),
                                 std::regex(R"(0001_DAY01_\d{4}-\d\d-\d\d_\d{6}Z\.mhl)")))
        << manifest.filename();

    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file(manifest.c_str()));
    auto hashlist = doc.child("hashlist");
    EXPECT_STREQ(hashlist.attribute("version").as_string(), "2.0");
    EXPECT_STREQ(hashlist.attribute("xmlns").as_string(), "urn:ASC:MHL:v2.0");
    EXPECT_TRUE(hashlist.child("creatorinfo").child("creationdate"));
    EXPECT_TRUE(hashlist.child("creatorinfo").child("hostname"));
    EXPECT_STREQ(hashlist.child("creatorinfo").child("tool").text().as_string(), "slate");
    EXPECT_STREQ(hashlist.child("processinfo").child("process").text().as_string(), "transfer");
    EXPECT_EQ(std::distance(hashlist.child("hashes").children("hash").begin(),
                            hashlist.child("hashes").children("hash").end()),
              3);
    auto abc = hash_for(doc, "abc.txt");
    ASSERT_TRUE(abc);
    EXPECT_EQ(abc.child("path").attribute("size").as_int(), 3);
    EXPECT_TRUE(std::regex_match(abc.child("path").attribute("lastmodificationdate").as_string(),
                                 std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")));
    EXPECT_STREQ(abc.child("xxh64").text().as_string(), "44bc2cf5ad770999");
    EXPECT_STREQ(abc.child("xxh64").attribute("action").as_string(), "original");
    EXPECT_STREQ(abc.child("md5").text().as_string(), "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_TRUE(hash_for(doc, "Clips/" + kHostile));
    EXPECT_TRUE(hash_for(doc, "Clips/A001C001.mov"));

    pugi::xml_document chain;
    ASSERT_TRUE(chain.load_file((root / "ascmhl" / "ascmhl_chain.xml").c_str()));
    auto directory = chain.child("ascmhldirectory");
    EXPECT_STREQ(directory.attribute("xmlns").as_string(), "urn:ASC:MHL:DIRECTORY:v2.0");
    auto entry = directory.child("hashlist");
    EXPECT_EQ(entry.attribute("sequencenr").as_int(), 1);
    EXPECT_EQ(entry.child("path").text().as_string(), manifest.filename().string());
    EXPECT_EQ(entry.child("c4").text().as_string(), c4_id(read_all(manifest)));
    for (const auto& item : fs::directory_iterator(root / "ascmhl"))
        EXPECT_FALSE(item.path().filename().string().starts_with('.')) << "temporary left behind";
}

TEST(AscMhl, VerifyReportsModifiedMissingAndNew) {
    test::ScratchDir dir;
    const fs::path root = make_delivery(dir);
    ASSERT_TRUE(create_mhl_generation(root.string()));
    auto clean = verify_mhl(root.string());
    ASSERT_TRUE(clean) << clean.error().to_string();
    EXPECT_TRUE(clean->ok());
    EXPECT_EQ(clean->generation, 1);
    EXPECT_EQ(clean->verified.size(), 3u);

    write(root / "abc.txt", "abd");  // one byte, same size
    fs::remove(root / "Clips" / kHostile);
    write(root / "Clips" / "A001C003.mov", "new");
    auto report = verify_mhl(root.string());
    ASSERT_TRUE(report);
    EXPECT_FALSE(report->ok());
    EXPECT_EQ(report->modified, std::vector<std::string>{"abc.txt"});
    EXPECT_EQ(report->missing, std::vector<std::string>{"Clips/" + kHostile});
    EXPECT_EQ(report->new_files, std::vector<std::string>{"Clips/A001C003.mov"});
    EXPECT_EQ(report->verified, std::vector<std::string>{"Clips/A001C001.mov"});
    EXPECT_TRUE(report->chain_errors.empty());
}

TEST(AscMhl, SecondGenerationVerifiesAndRecordsFailures) {
    test::ScratchDir dir;
    const fs::path root = make_delivery(dir);
    ASSERT_TRUE(create_mhl_generation(root.string()));
    write(root / "abc.txt", "abd");
    fs::remove(root / "Clips" / kHostile);
    write(root / "Clips" / "A001C003.mov", "new");
    MhlOptions options;
    options.process = "in-place";
    auto second = create_mhl_generation(root.string(), options);
    ASSERT_TRUE(second) << second.error().to_string();
    EXPECT_EQ(second->number, 2);
    EXPECT_EQ(second->files, 3);
    EXPECT_EQ(second->new_files, 1);
    EXPECT_EQ(second->modified, 1);
    EXPECT_EQ(second->missing, 1);
    EXPECT_TRUE(fs::path(second->manifest_path).filename().string().starts_with("0002_DAY01_"));

    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_file(second->manifest_path.c_str()));
    EXPECT_STREQ(hash_for(doc, "abc.txt").child("xxh64").attribute("action").as_string(), "failed");
    EXPECT_STREQ(hash_for(doc, "Clips/A001C001.mov").child("xxh64").attribute("action").as_string(),
                 "verified");
    EXPECT_STREQ(hash_for(doc, "Clips/A001C001.mov").child("md5").attribute("action").as_string(),
                 "verified");
    EXPECT_STREQ(hash_for(doc, "Clips/A001C003.mov").child("xxh64").attribute("action").as_string(),
                 "original");
    EXPECT_STREQ(doc.child("hashlist").child("processinfo").child("process").text().as_string(),
                 "in-place");

    pugi::xml_document chain;
    ASSERT_TRUE(chain.load_file((root / "ascmhl" / "ascmhl_chain.xml").c_str()));
    std::vector<int> numbers;
    for (auto entry : chain.child("ascmhldirectory").children("hashlist"))
        numbers.push_back(entry.attribute("sequencenr").as_int());
    EXPECT_EQ(numbers, (std::vector<int>{1, 2}));

    // The failed digest never becomes the reference; the missing file stays missing.
    auto report = verify_mhl(root.string());
    ASSERT_TRUE(report);
    EXPECT_EQ(report->generation, 2);
    EXPECT_EQ(report->modified, std::vector<std::string>{"abc.txt"});
    EXPECT_EQ(report->missing, std::vector<std::string>{"Clips/" + kHostile});
    EXPECT_TRUE(report->new_files.empty());
}

TEST(AscMhl, AnEditedManifestBreaksTheChain) {
    test::ScratchDir dir;
    const fs::path root = make_delivery(dir);
    auto first = create_mhl_generation(root.string());
    ASSERT_TRUE(first);
    std::string xml = read_all(first->manifest_path);
    const auto at = xml.find("44bc2cf5ad770999");
    ASSERT_NE(at, std::string::npos);
    xml[at] = '5';
    write(first->manifest_path, xml);
    auto report = verify_mhl(root.string());
    ASSERT_TRUE(report) << report.error().to_string();
    ASSERT_EQ(report->chain_errors.size(), 1u);
    EXPECT_NE(report->chain_errors[0].find(fs::path(first->manifest_path).filename().string()),
              std::string::npos);
    EXPECT_FALSE(report->ok());
    auto refused = create_mhl_generation(root.string());
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code(), ErrorCode::InvalidArgument);
}

TEST(AscMhl, ControlCharactersInNamesRoundTrip) {
    test::ScratchDir dir;
    const fs::path root = dir.path() / "odd";
    const std::vector<std::string> names = {"cr\rname.mov",     "lf\nname.mov", "tab\tname.mov",
                                            " lead and trail ", "\x01ctl.mov",  "caf\xc3\xa9.mov"};
    for (const auto& name : names) write(root / name, name);
    ASSERT_TRUE(create_mhl_generation(root.string()));
    auto report = verify_mhl(root.string());
    ASSERT_TRUE(report) << report.error().to_string();
    EXPECT_TRUE(report->ok()) << (report->new_files.empty() ? "" : report->new_files[0]);
    EXPECT_EQ(report->verified.size(), names.size());
}

TEST(AscMhl, MissingOrBrokenHistoryIsAnError) {
    test::ScratchDir dir;
    const fs::path root = make_delivery(dir);
    auto none = verify_mhl(root.string());
    ASSERT_FALSE(none);
    EXPECT_EQ(none.error().code(), ErrorCode::NotFound);
    EXPECT_EQ(verify_mhl((dir.path() / "nope").string()).error().code(), ErrorCode::NotFound);
    auto first = create_mhl_generation(root.string());
    ASSERT_TRUE(first);
    write(first->manifest_path, "<hashlist version=\"2.0\"><hashes><hash>");
    auto broken = verify_mhl(root.string());
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().code(), ErrorCode::InvalidArgument);
    EXPECT_EQ(broken.error().context().file, first->manifest_path);
}

}  // namespace
}  // namespace media::batch
