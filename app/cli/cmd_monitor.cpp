// `lumbo monitor`: pairing (a viewer's key pair, authorising it in a person's profile, revoking
// it) and the viewer window that watches and guides a live session.
#include <cstdio>
#include <filesystem>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"
#include "app/monitor/monitor_script.h"
#include "app/monitor/monitor_window.h"
#include "exercises/exercise.h"
#include "monitor/monitor_keys.h"
#include "monitor/monitor_server.h"
#include "store/private_file.h"

namespace lumbo::app {

namespace {

namespace fs = std::filesystem;

// The monitoring folder: --dir, else the person's profile (beside their store).
fs::path profileFolder(const Args& parsed) {
  if (auto dir = parsed.value("--dir")) return *dir;
  const std::string person = parsed.value("--person").value_or("me");
  const fs::path db = parsed.value("--db").value_or(store::defaultDatabasePath(person).string());
  return monitor::monitorFolderFor(db, person);
}

int keygen(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--out", "--name"}, {"--force"}, 0, 0});
  const fs::path out = parsed.required("--out");
  if (out.extension() == ".pub") throw UsageError("--out names the secret key file; its .pub is written beside it");
  fs::path pub = out;
  pub.replace_extension(".pub");
  guardOutput(parsed, out, {});
  guardOutput(parsed, pub, {});
  const std::string name = parsed.value("--name").value_or(out.stem().string());
  if (auto st = monitor::checkKeyName(name); !st) throw UsageError("--name: " + st.error());
  auto pair = monitor::generateKeyPair(name);
  if (!pair) throw std::runtime_error(pair.error());
  if (!out.parent_path().empty()) {
    if (auto st = store::makePrivateDirectory(out.parent_path()); !st) throw std::runtime_error(st.error());
  }
  if (auto st = monitor::writeSecretKeyFile(out, *pair); !st) throw std::runtime_error(st.error());
  if (auto st = monitor::writePublicKeyFile(pub, {pair->name, pair->publicKey}); !st) throw std::runtime_error(st.error());
  std::printf("viewer key '%s' (code %s)\n  secret: %s (keep it on this machine)\n  public: %s (give it to the patient's "
              "machine: lumbo monitor authorize %s)\n",
              name.c_str(), monitor::keyCode(pair->publicKey).c_str(), out.c_str(), pub.c_str(), pub.filename().c_str());
  return kExitOk;
}

int authorize(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--person", "--db", "--dir"}, {}, 1, 1});
  auto key = monitor::readPublicKeyFile(parsed.positional()[0]);
  if (!key) throw std::runtime_error(key.error());
  const fs::path folder = profileFolder(parsed);
  auto server = monitor::ensureServerKey(folder);
  if (!server) throw std::runtime_error(server.error());
  auto path = monitor::authorizeViewer(folder, *key);
  if (!path) throw std::runtime_error(path.error());
  std::printf("authorised viewer '%s' (code %s): %s\nthe session's key for the viewer (code %s): %s\n", key->name.c_str(),
              monitor::keyCode(key->key).c_str(), path->c_str(), monitor::keyCode(server->publicKey).c_str(),
              monitor::serverPublicKeyPath(folder).c_str());
  return kExitOk;
}

int revoke(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--person", "--db", "--dir"}, {}, 1, 1});
  const std::string name = parsed.positional()[0];
  if (auto st = monitor::checkKeyName(name); !st) throw UsageError(st.error());
  const fs::path path = profileFolder(parsed) / "authorized" / (name + ".pub");
  if (!fs::remove(path)) {
    std::fprintf(stderr, "lumbo monitor: no authorised viewer '%s' (%s)\n", name.c_str(), path.c_str());
    return kExitFailure;
  }
  std::printf("revoked viewer '%s': it is refused from the next session on\n", name.c_str());
  return kExitOk;
}

int watch(std::span<const std::string> args) {
  const Args parsed(args, ArgSpec{{"--key", "--server-key", "--rate", "--record", "--screenshot", "--frames", "--script",
                                   "--exercises-dir"},
                                  {"--validate", "--force"}, 1, 1});
  auto address = monitor::parseListenAddress(parsed.positional()[0]);
  if (!address) throw UsageError(address.error());
  const fs::path keyPath = parsed.required("--key");
  auto key = monitor::readSecretKeyFile(keyPath);
  if (!key) throw std::runtime_error(key.error());
  const fs::path serverKeyPath = parsed.value("--server-key").value_or((keyPath.parent_path() / "server.pub").string());
  auto serverKey = monitor::readPublicKeyFile(serverKeyPath);
  if (!serverKey) throw std::runtime_error(serverKey.error() + " (the session's server.pub: --server-key FILE)");
  MonitorWindowOptions o;
  o.client.host = address->host;
  o.client.port = address->port;
  o.client.key = *key;
  o.client.serverPublicKey = serverKey->key;
  o.client.poseRateHz = parsed.number("--rate").value_or(0.0);
  if (o.client.poseRateHz < 0.0 || o.client.poseRateHz > 1000.0) throw UsageError("--rate expects 0 (every frame) to 1000 Hz");
  o.frames = parsed.integer("--frames");
  if (o.frames && *o.frames < 1) throw UsageError("--frames must be 1 or more");
  if (auto record = parsed.value("--record")) {
    guardOutput(parsed, *record, {keyPath, serverKeyPath});
    guardOutput(parsed, *record + ".events.csv", {keyPath, serverKeyPath});
    guardOutput(parsed, *record + ".panel.csv", {keyPath, serverKeyPath});
    o.recordPath = *record;
  }
  if (auto shot = parsed.value("--screenshot")) o.screenshotPath = *shot;
  if (auto script = parsed.value("--script")) {
    auto steps = loadMonitorScript(*script);
    if (!steps) throw std::runtime_error(steps.error());
    o.script = std::move(*steps);
  }
  auto library = loadExerciseLibrary(parsed.value("--exercises-dir").value_or(defaultExerciseFolder().string()));
  if (!library) throw std::runtime_error(library.error());
  o.library = std::move(*library);
  o.validation = parsed.flag("--validate");
  return runMonitorWindow(o);
}

}  // namespace

int runMonitor(std::span<const std::string> args) {
  if (args.empty()) throw UsageError("missing ADDR:PORT or a subcommand (keygen, authorize, revoke)");
  const std::string& first = args[0];
  if (first == "keygen") return keygen(args.subspan(1));
  if (first == "authorize") return authorize(args.subspan(1));
  if (first == "revoke") return revoke(args.subspan(1));
  return watch(args);
}

}  // namespace lumbo::app
