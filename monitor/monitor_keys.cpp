// Key pairs from libzmq and the key files of the monitoring folder.
#include "monitor/monitor_keys.h"

#include <sys/stat.h>

#include <zmq.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "store/private_file.h"

namespace lumbo::monitor {

namespace fs = std::filesystem;

namespace {

bool validZ85Key(const std::string& key) {
  if (key.size() != kZ85KeyChars) return false;
  std::uint8_t raw[32];
  return zmq_z85_decode(raw, key.c_str()) != nullptr;
}

// "key: value" lines; '#' starts a comment. Each field once.
Result<std::map<std::string, std::pair<std::string, int>>> readFields(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return Error{path.string() + ": cannot read"};
  std::map<std::string, std::pair<std::string, int>> fields;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto colon = line.find(':');
    if (colon == std::string::npos) return Error{path.string() + ":" + std::to_string(number) + ": expected 'field: value'"};
    std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    if (fields.count(key)) return Error{path.string() + ":" + std::to_string(number) + ": field '" + key + "' given twice"};
    fields[key] = {value, number};
  }
  return fields;
}

Result<std::string> field(const std::map<std::string, std::pair<std::string, int>>& fields, const fs::path& path,
                          const std::string& name) {
  const auto it = fields.find(name);
  if (it == fields.end()) return Error{path.string() + ": field '" + name + "' missing"};
  return it->second.first;
}

Status checkKeyField(const std::map<std::string, std::pair<std::string, int>>& fields, const fs::path& path,
                     const std::string& name) {
  const auto& [value, line] = fields.at(name);
  if (!validZ85Key(value)) {
    return Error{path.string() + ":" + std::to_string(line) + ": field '" + name + "': not a 40-character Z85 CURVE key"};
  }
  return Done{};
}

}  // namespace

Status checkKeyName(const std::string& name) {
  if (name.empty() || name.size() > 64) return Error{"a key name has 1 to 64 characters"};
  const bool ok = std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
  if (!ok || name[0] == '.') return Error{"key name '" + name + "': only letters, digits, '.', '_' and '-', not starting with '.'"};
  return Done{};
}

Result<KeyPair> generateKeyPair(const std::string& name) {
  if (auto st = checkKeyName(name); !st) return Error{st.error()};
  char publicKey[41];
  char secretKey[41];
  if (zmq_curve_keypair(publicKey, secretKey) != 0) {
    return Error{std::string("cannot make a CURVE key pair: ") + zmq_strerror(zmq_errno())};
  }
  return KeyPair{name, publicKey, secretKey};
}

Status writeSecretKeyFile(const fs::path& path, const KeyPair& pair) {
  std::ostringstream text;
  text << "# lumbo monitor key pair: keep this file private (mode 0600); hand out only the .pub file\n"
       << "name: " << pair.name << "\npublic: " << pair.publicKey << "\nsecret: " << pair.secretKey << "\n";
  return store::writeFileAtomically(path, text.str());
}

Status writePublicKeyFile(const fs::path& path, const PublicKey& key) {
  std::ostringstream text;
  text << "# lumbo monitor public key (code " << keyCode(key.key) << ")\nname: " << key.name << "\npublic: " << key.key << "\n";
  return store::writeFileAtomically(path, text.str());
}

Result<KeyPair> readSecretKeyFile(const fs::path& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return Error{path.string() + ": no such key file"};
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%03o", static_cast<unsigned>(st.st_mode & 0777));
    return Error{path.string() + ": mode " + mode + ": a secret key must be readable by its owner only (chmod 600)"};
  }
  auto fields = readFields(path);
  if (!fields) return Error{fields.error()};
  KeyPair pair;
  for (const char* name : {"name", "public", "secret"}) {
    auto v = field(*fields, path, name);
    if (!v) return Error{v.error()};
  }
  for (const char* name : {"public", "secret"}) {
    if (auto c = checkKeyField(*fields, path, name); !c) return Error{c.error()};
  }
  pair.name = fields->at("name").first;
  if (auto c = checkKeyName(pair.name); !c) return Error{path.string() + ":" + std::to_string(fields->at("name").second) + ": " + c.error()};
  pair.publicKey = fields->at("public").first;
  pair.secretKey = fields->at("secret").first;
  return pair;
}

Result<PublicKey> readPublicKeyFile(const fs::path& path) {
  auto fields = readFields(path);
  if (!fields) return Error{fields.error()};
  for (const char* name : {"name", "public"}) {
    auto v = field(*fields, path, name);
    if (!v) return Error{v.error()};
  }
  if (fields->count("secret")) {
    return Error{path.string() + ":" + std::to_string(fields->at("secret").second) +
                 ": this file holds a secret key: give the .pub file instead"};
  }
  if (auto c = checkKeyField(*fields, path, "public"); !c) return Error{c.error()};
  PublicKey key{fields->at("name").first, fields->at("public").first};
  if (auto c = checkKeyName(key.name); !c) return Error{path.string() + ":" + std::to_string(fields->at("name").second) + ": " + c.error()};
  return key;
}

std::string keyCode(const std::string& publicKey) {
  std::uint8_t raw[32];
  if (publicKey.size() != kZ85KeyChars || !zmq_z85_decode(raw, publicKey.c_str())) return "(not a key)";
  char code[16];
  std::snprintf(code, sizeof code, "%02X%02X-%02X%02X", raw[0], raw[1], raw[2], raw[3]);
  return code;
}

fs::path monitorFolderFor(const fs::path& databasePath, const std::string& personId) {
  return databasePath.parent_path() / (personId + "-monitor");
}

fs::path serverPublicKeyPath(const fs::path& folder) { return folder / "server.pub"; }

Result<KeyPair> ensureServerKey(const fs::path& folder) {
  if (auto st = store::makePrivateDirectory(folder); !st) return Error{st.error()};
  const fs::path secret = folder / "server.key";
  if (fs::exists(secret)) {
    auto pair = readSecretKeyFile(secret);
    if (!pair) return Error{pair.error()};
    if (!fs::exists(serverPublicKeyPath(folder))) {
      if (auto st = writePublicKeyFile(serverPublicKeyPath(folder), {pair->name, pair->publicKey}); !st) return Error{st.error()};
    }
    return pair;
  }
  auto pair = generateKeyPair("session");
  if (!pair) return Error{pair.error()};
  if (auto st = writeSecretKeyFile(secret, *pair); !st) return Error{st.error()};
  if (auto st = writePublicKeyFile(serverPublicKeyPath(folder), {pair->name, pair->publicKey}); !st) return Error{st.error()};
  return pair;
}

Result<fs::path> authorizeViewer(const fs::path& folder, const PublicKey& key) {
  if (auto st = checkKeyName(key.name); !st) return Error{st.error()};
  if (!validZ85Key(key.key)) return Error{"not a 40-character Z85 CURVE key"};
  const fs::path dir = folder / "authorized";
  if (auto st = store::makePrivateDirectory(dir); !st) return Error{st.error()};
  const fs::path path = dir / (key.name + ".pub");
  if (auto st = writePublicKeyFile(path, key); !st) return Error{st.error()};
  return path;
}

Result<std::vector<PublicKey>> authorizedViewers(const fs::path& folder) {
  std::vector<PublicKey> keys;
  const fs::path dir = folder / "authorized";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return keys;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".pub") files.push_back(entry.path());
  }
  if (ec) return Error{dir.string() + ": " + ec.message()};
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    auto key = readPublicKeyFile(f);
    if (!key) return Error{key.error()};
    keys.push_back(std::move(*key));
  }
  return keys;
}

}  // namespace lumbo::monitor
