// Key files: made by libzmq, written 0600, read back with refusals that name file, line and field.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "monitor/monitor_keys.h"
#include "tests/test_support.h"

namespace lumbo::monitor {
namespace {

using test::TempDir;

unsigned mode(const std::filesystem::path& p) {
  struct stat st{};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

TEST(MonitorKeys, PairsAreWrittenPrivateAndReadBack) {
  TempDir dir;
  auto pair = generateKeyPair("anna-physio");
  ASSERT_TRUE(pair) << pair.error();
  EXPECT_EQ(pair->publicKey.size(), kZ85KeyChars);
  EXPECT_NE(pair->publicKey, pair->secretKey);
  ASSERT_TRUE(writeSecretKeyFile(dir / "anna.key", *pair));
  ASSERT_TRUE(writePublicKeyFile(dir / "anna.pub", {pair->name, pair->publicKey}));
  EXPECT_EQ(mode(dir / "anna.key"), 0600u);
  EXPECT_EQ(mode(dir / "anna.pub"), 0600u);
  auto back = readSecretKeyFile(dir / "anna.key");
  ASSERT_TRUE(back) << back.error();
  EXPECT_EQ(back->secretKey, pair->secretKey);
  EXPECT_EQ(back->name, "anna-physio");
  auto pub = readPublicKeyFile(dir / "anna.pub");
  ASSERT_TRUE(pub) << pub.error();
  EXPECT_EQ(pub->key, pair->publicKey);
  EXPECT_EQ(keyCode(pub->key).size(), 9u);
  // Two pairs are never the same.
  EXPECT_NE(generateKeyPair("x")->publicKey, pair->publicKey);
}

TEST(MonitorKeys, RefusesASecretOthersCanReadAndBadContent) {
  TempDir dir;
  auto pair = generateKeyPair("anna");
  ASSERT_TRUE(writeSecretKeyFile(dir / "anna.key", *pair));
  ::chmod((dir / "anna.key").c_str(), 0644);
  auto open = readSecretKeyFile(dir / "anna.key");
  ASSERT_FALSE(open);
  EXPECT_NE(open.error().find("mode 644"), std::string::npos) << open.error();

  const auto bad = dir.write("bad.pub", "# a comment\nname: anna\npublic: not-a-key\n");
  auto b = readPublicKeyFile(bad);
  ASSERT_FALSE(b);
  EXPECT_NE(b.error().find("bad.pub:3: field 'public'"), std::string::npos) << b.error();
  auto missing = readPublicKeyFile(dir.write("missing.pub", "name: anna\n"));
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().find("field 'public' missing"), std::string::npos);
  // Handing over the secret file by mistake is caught before it is copied anywhere.
  ::chmod((dir / "anna.key").c_str(), 0600);
  auto secret = readPublicKeyFile(dir / "anna.key");
  ASSERT_FALSE(secret);
  EXPECT_NE(secret.error().find("secret key"), std::string::npos);
  auto name = readPublicKeyFile(dir.write("name.pub", "name: ../etc\npublic: " + pair->publicKey + "\n"));
  ASSERT_FALSE(name);
  EXPECT_NE(name.error().find("name.pub:1"), std::string::npos) << name.error();
}

TEST(MonitorKeys, TheProfileHoldsTheSessionKeyAndTheAuthorisedViewers) {
  TempDir dir;
  const auto folder = monitorFolderFor(dir / "p01.lumbo.sqlite", "p01");
  EXPECT_EQ(folder, dir / "p01-monitor");
  auto first = ensureServerKey(folder);
  ASSERT_TRUE(first) << first.error();
  auto again = ensureServerKey(folder);
  ASSERT_TRUE(again);
  EXPECT_EQ(first->secretKey, again->secretKey);  // made once, then reused
  EXPECT_EQ(mode(folder), 0700u);
  EXPECT_EQ(mode(folder / "server.key"), 0600u);
  EXPECT_EQ(readPublicKeyFile(serverPublicKeyPath(folder))->key, first->publicKey);

  EXPECT_TRUE(authorizedViewers(folder)->empty());
  auto anna = generateKeyPair("anna");
  auto path = authorizeViewer(folder, {"anna", anna->publicKey});
  ASSERT_TRUE(path) << path.error();
  EXPECT_EQ(mode(*path), 0600u);
  auto viewers = authorizedViewers(folder);
  ASSERT_TRUE(viewers);
  ASSERT_EQ(viewers->size(), 1u);
  EXPECT_EQ((*viewers)[0].key, anna->publicKey);
  // A damaged file stops the list, naming it: a session never starts on a half-read list.
  dir.write("p01-monitor/authorized/broken.pub", "name: broken\n");
  auto broken = authorizedViewers(folder);
  ASSERT_FALSE(broken);
  EXPECT_NE(broken.error().find("broken.pub"), std::string::npos);
}

}  // namespace
}  // namespace lumbo::monitor
