// The CURVE keys of live monitoring: key pairs made by libzmq, their files (mode 0600, checked on
// read), a session's own key and its authorised viewers in the person's profile folder, and the
// short code people read aloud to check that a key file is the one they meant.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "body/result.h"

namespace lumbo::monitor {

inline constexpr std::size_t kZ85KeyChars = 40;

struct KeyPair {
  std::string name;       // who it belongs to: "anna-physio", "session"
  std::string publicKey;  // Z85, 40 characters
  std::string secretKey;
};

struct PublicKey {
  std::string name;
  std::string key;  // Z85
};

// A new CURVE key pair (zmq_curve_keypair). Fails when libzmq was built without CURVE.
Result<KeyPair> generateKeyPair(const std::string& name);

// Names are file names and are recorded with every action: letters, digits, '.', '_', '-'.
Status checkKeyName(const std::string& name);

// Written 0600 through a temporary file. A secret key file also holds its public key.
Status writeSecretKeyFile(const std::filesystem::path& path, const KeyPair& pair);
Status writePublicKeyFile(const std::filesystem::path& path, const PublicKey& key);
// Refuse a file others may read (a secret key), and name file, line and field for bad content.
Result<KeyPair> readSecretKeyFile(const std::filesystem::path& path);
Result<PublicKey> readPublicKeyFile(const std::filesystem::path& path);

// "3FA2-91C0": the first four bytes of the public key in hexadecimal, for reading aloud.
std::string keyCode(const std::string& publicKey);

// The monitoring folder of a person's profile: beside their store, <person>-monitor (0700), with
// server.key, server.pub and authorized/<name>.pub.
std::filesystem::path monitorFolderFor(const std::filesystem::path& databasePath, const std::string& personId);

// The session's key pair in `folder`, made on first use (server.key, and server.pub to hand to
// viewers).
Result<KeyPair> ensureServerKey(const std::filesystem::path& folder);
std::filesystem::path serverPublicKeyPath(const std::filesystem::path& folder);

// Adds (or replaces) an authorised viewer key; returns the path written.
Result<std::filesystem::path> authorizeViewer(const std::filesystem::path& folder, const PublicKey& key);
// Every authorised viewer key; a bad file is an error naming it (a session never starts with
// a half-read list).
Result<std::vector<PublicKey>> authorizedViewers(const std::filesystem::path& folder);

}  // namespace lumbo::monitor
