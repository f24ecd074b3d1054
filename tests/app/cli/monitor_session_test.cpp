// Live monitoring end to end with the real lumbo executable: a demo session published with
// --monitor, watched by a viewer in a virtual display that records it and pauses the session
// from a script, a viewer with an unpaired key, and a raw connection that sends garbage and then
// never reads. Checked against the demo's own recording, its store and a run without monitoring.
// And the same demo watched and guided from the Live session tab of `lumbo clinic`, driven by a
// UI script through the tab's own buttons and fields.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <zmq.h>

#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include <nlohmann/json.hpp>

#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "body/pose_track.h"
#include "body/trace.h"
#include "exercises/exercise.h"
#include "monitor/monitor_keys.h"
#include "monitor/monitor_protocol.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

namespace fs = std::filesystem;

using Ran = test::CommandRun;

Ran run(const fs::path& dir, const std::string& name, const std::string& args) {
  return test::runShell("timeout 400 " + args, dir / (name + ".err"));
}

std::string lumbo() { return std::string(LUMBO_EXE); }

// The keys as a therapist pairs them: anna.key authorised in the session's monitoring folder
// `keys`, stranger.key not. Returns the session's public key file.
fs::path pairViewers(const test::TempDir& dir, const fs::path& keys) {
  EXPECT_EQ(run(dir.path(), "keygen", lumbo() + " monitor keygen --out " + (dir / "anna.key").string()).code, 0);
  EXPECT_EQ(run(dir.path(), "keygen2", lumbo() + " monitor keygen --out " + (dir / "stranger.key").string()).code, 0);
  const Ran auth = run(dir.path(), "authorize", lumbo() + " monitor authorize " + (dir / "anna.pub").string() + " --dir " + keys.string());
  EXPECT_EQ(auth.code, 0) << auth.err;
  EXPECT_NE(auth.out.find("authorised viewer 'anna'"), std::string::npos);
  return keys / "server.pub";
}

// The session's store holds the viewer's pause, resume and message under its key's name.
void expectActionsByAnna(store::Connection& db) {
  EXPECT_EQ(db.queryText("SELECT detail FROM event WHERE kind = 'pause'"), "by anna");
  EXPECT_EQ(db.queryText("SELECT detail FROM event WHERE kind = 'resume'"), "by anna");
  EXPECT_EQ(db.queryText("SELECT detail FROM event WHERE kind = 'message'"), "by anna: Keep your back long");
}

std::uint64_t figure(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern))) return 0;
  return std::stoull(m[1].str());
}

std::vector<std::vector<std::string>> csvRows(const fs::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (c == '"') {
        if (quoted && i + 1 < line.size() && line[i + 1] == '"') cell += c, ++i;
        else quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.push_back(cell), cell.clear();
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

// An authorised connection that says hello, sends garbage and an oversized message, then only
// heartbeats: it never reads what the session sends.
struct StalledViewer {
  void* context = zmq_ctx_new();
  void* socket = zmq_socket(context, ZMQ_DEALER);
  std::atomic<bool> stop{false};
  std::thread thread;
  StalledViewer(int port, const monitor::KeyPair& key, const std::string& serverKey) {
    zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, serverKey.c_str(), 40);
    zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, key.publicKey.c_str(), 40);
    zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, key.secretKey.c_str(), 40);
    const int one = 1;
    const int small = 4096;
    const int linger = 0;
    zmq_setsockopt(socket, ZMQ_RCVHWM, &one, sizeof one);
    zmq_setsockopt(socket, ZMQ_RCVBUF, &small, sizeof small);
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    zmq_connect(socket, ("tcp://127.0.0.1:" + std::to_string(port)).c_str());
    thread = std::thread([this] {
      std::uint64_t seq = 0;
      bool spoke = false;
      while (!stop) {
        std::vector<std::uint8_t> bytes;
        if (!spoke) {
          // Until the session is up these pile up in the socket; then they all arrive.
          for (auto m : {std::vector<std::uint8_t>{'g', 'a', 'r', 'b', 'a', 'g', 'e'}, std::vector<std::uint8_t>(5000, 'L'),
                         monitor::encode({++seq, monitor::HelloMessage{}})}) {
            zmq_send(socket, m.data(), m.size(), ZMQ_DONTWAIT);
          }
          spoke = true;
        }
        bytes = monitor::encode({++seq, monitor::HeartbeatMessage{}});
        zmq_send(socket, bytes.data(), bytes.size(), ZMQ_DONTWAIT);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
      }
    });
  }
  ~StalledViewer() {
    stop = true;
    thread.join();
    zmq_close(socket);
    zmq_ctx_term(context);
  }
};

// The demo's recording at `timeS` of its own clock, as the simulated runtime plays it.
struct SourceTrack {
  std::vector<PoseSample> head;
  double startS = 0.0;
  double durationS = 0.0;
  explicit SourceTrack(const Trace& t) {
    startS = t.samples.front().frame.timeS;
    durationS = t.durationS();
    for (const auto& s : t.samples) head.push_back({s.frame.timeS - startS, s.frame[Device::Head].pose, s.frame.valid(Device::Head)});
  }
  std::optional<Pose> at(double timeS) const { return interpolatePoseAt(head, timeS); }
};

TEST(MonitorSession, ADemoWatchedRecordedAndPausedFromAViewer) {
  test::TempDir dir;
  const fs::path demo = dir / "demo";
  const fs::path keys = demo / "monitor";
  const fs::path serverPub = pairViewers(dir, keys);
  ASSERT_TRUE(fs::exists(serverPub));
  const int port = 20000 + static_cast<int>(::getpid() % 20000);
  const std::string address = "127.0.0.1:" + std::to_string(port);
  dir.write("script.txt",
            "# pause after the second squat, resume a second later, then a message\n"
            "repetitions 2 pause\nafter 1.0 resume\nafter 0.2 message Keep your back long\nended quit\n");

  // The baseline: the same demo without monitoring.
  const Ran plain = run(dir.path(), "plain", lumbo() + " demo --out " + (dir / "plain").string());
  ASSERT_EQ(plain.code, 0) << plain.err;
  const std::uint64_t plainFrames = figure(plain.out, R"((\d+) frames\n)");
  ASSERT_GT(plainFrames, 500u);

  Ran viewer;
  Ran stranger;
  std::thread viewerThread([&] {
    viewer = run(dir.path(), "viewer", "xvfb-run -a -s '-screen 0 1280x1024x24' " + lumbo() + " monitor " + address + " --key " +
                                           (dir / "anna.key").string() + " --server-key " + serverPub.string() +
                                           " --record " + (dir / "rec.csv").string() + " --screenshot " +
                                           (dir / "viewer.png").string() + " --script " + (dir / "script.txt").string());
  });
  std::thread strangerThread([&] {
    stranger = run(dir.path(), "stranger", "xvfb-run -a " + lumbo() + " monitor " + address + " --key " +
                                               (dir / "stranger.key").string() + " --server-key " + serverPub.string() +
                                               " --frames 60");
  });
  Ran watched;
  {
    auto anna = monitor::readSecretKeyFile(dir / "anna.key");
    ASSERT_TRUE(anna) << anna.error();
    StalledViewer stalled(port, *anna, monitor::readPublicKeyFile(serverPub)->key);
    std::this_thread::sleep_for(std::chrono::seconds(2));  // the viewers start first, as a therapist would
    watched = run(dir.path(), "demo", lumbo() + " demo --out " + demo.string() + " --monitor " + std::to_string(port));
  }
  viewerThread.join();
  strangerThread.join();

  // The session ran to the end of its recording, frame for frame as without monitoring.
  ASSERT_EQ(watched.code, 0) << watched.out << watched.err;
  // A pause can only lengthen the session (its frames are not judged, so the recording may end
  // before the last squat is counted); a session that did every squat ran as many frames as
  // without monitoring. Either way the runtime saw no frame dropped or late.
  const std::uint64_t watchedFrames = figure(watched.out, R"((\d+) frames\n)");
  EXPECT_GE(watchedFrames, plainFrames) << watched.out;
  if (watched.out.find("session completed: all exercises done") != std::string::npos) {
    EXPECT_EQ(watchedFrames, plainFrames);
  }
  EXPECT_NE(watched.err.find("dropped 0, late 0, violations 0"), std::string::npos) << watched.err;
  EXPECT_NE(watched.out.find("live monitoring on tcp://127.0.0.1:" + std::to_string(port)), std::string::npos);
  // The stalled connection lost frames, the viewers' commands arrived, the bad key and the
  // garbage were refused and logged.
  EXPECT_GT(figure(watched.out, R"((\d+) dropped for slow viewers)"), 0u) << watched.out;
  EXPECT_GE(figure(watched.out, R"(live monitoring: (\d+) viewers)"), 2u);
  EXPECT_GE(figure(watched.out, R"((\d+) keys and)"), 1u);
  EXPECT_GE(figure(watched.out, R"(keys and (\d+) messages refused)"), 2u);
  EXPECT_GE(figure(watched.out, R"((\d+) commands)"), 3u);
  EXPECT_NE(watched.err.find("is not authorised"), std::string::npos) << watched.err;
  EXPECT_NE(watched.err.find("oversized message"), std::string::npos) << watched.err;
  EXPECT_NE(watched.err.find("truncated message"), std::string::npos) << watched.err;

  EXPECT_EQ(stranger.code, 1) << stranger.out << stranger.err;
  EXPECT_NE(stranger.err.find("refused this viewer's key"), std::string::npos) << stranger.err;

  ASSERT_EQ(viewer.code, 0) << viewer.out << viewer.err;
  EXPECT_NE(viewer.out.find("connected to demo's session"), std::string::npos) << viewer.out;
  EXPECT_NE(viewer.out.find("the session ended"), std::string::npos) << viewer.out;

  // The session's own store holds the viewer's actions, with its name.
  auto store = store::SessionStore::open(demo / "demo.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  expectActionsByAnna(db);
  const double pausedS = std::stod(db.queryText(
      "SELECT CAST((SELECT time_s FROM event WHERE kind = 'resume') - (SELECT time_s FROM event WHERE kind = 'pause') AS TEXT)"));
  EXPECT_GT(pausedS, 0.0);  // the demo's clock runs as fast as it renders: no wall-clock figure
  const std::int64_t repetitions = db.queryInt("SELECT count(*) FROM repetition");
  ASSERT_GE(repetitions, 3);

  // The recorded poses are the demo recording's, as the simulated headset played it: one clock
  // offset between the two, and then every recorded head pose on the recording's path.
  const auto source = readTrace(fs::path(LUMBO_SOURCE_DIR) / "assets/demo/deep_squat_demo.csv");
  ASSERT_TRUE(source.ok()) << source.error();
  const auto recorded = readTrace(dir / "rec.csv");
  ASSERT_TRUE(recorded.ok()) << recorded.error();
  ASSERT_GT(recorded->samples.size(), plainFrames * 8 / 10) << "the viewer missed most frames";
  const SourceTrack track(*source);
  std::vector<std::pair<double, glm::dvec3>> heads;
  for (const auto& s : recorded->samples) {
    if (s.frame.valid(Device::Head)) heads.push_back({s.frame.timeS, s.frame[Device::Head].pose.positionM});
  }
  ASSERT_GT(heads.size(), 100u);
  auto error = [&](double offsetS, std::size_t stride) {
    double sum = 0.0;
    for (std::size_t i = 0; i < heads.size(); i += stride) {
      auto p = track.at(heads[i].first - offsetS);
      sum += p ? glm::length(p->positionM - heads[i].second) : 1.0;
    }
    return sum;
  };
  double best = 0.0;
  double bestError = 1e300;
  const double first = heads.front().first;
  for (double t = 0.0; t <= track.durationS; t += 0.005) {
    if (const double e = error(first - t, heads.size() / 100 + 1); e < bestError) bestError = e, best = first - t;
  }
  for (double d = -0.005; d <= 0.005; d += 0.0001) {
    if (const double e = error(best + d, 1); e < bestError) bestError = e, best = best + d;
  }
  double worstM = 0.0;
  for (const auto& [t, p] : heads) {
    if (auto s = track.at(t - best)) worstM = std::max(worstM, glm::length(s->positionM - p));
  }
  EXPECT_LT(worstM, 0.003) << "a recorded head pose is " << worstM * 1000 << " mm off the recording";

  // What the viewer drew: its counters end at the session's count, every quality shown is one the
  // session scored, and every cue shown is one of the exercise's.
  const auto panel = csvRows(dir / "rec.csv.panel.csv");
  ASSERT_FALSE(panel.empty());
  std::string lastCounters;
  std::set<std::string> qualities;
  std::set<std::string> cues;
  for (const auto& row : panel) {
    ASSERT_EQ(row.size(), 5u);
    if (!row[2].empty()) lastCounters = row[2];
    if (!row[3].empty()) cues.insert(row[3]);
    if (!row[4].empty()) qualities.insert(row[4]);
  }
  auto squat = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  ASSERT_TRUE(squat.ok());
  const std::int64_t target = db.queryInt("SELECT sum(sets * reps_per_set) FROM session_plan");
  EXPECT_EQ(lastCounters.rfind("Rep " + std::to_string(repetitions) + " of " + std::to_string(target) + " ", 0), 0u)
      << lastCounters << " drawn last; the store has " << repetitions << " of " << target;
  std::set<std::string> allowedCues = {"Alignment good", "Tracking lost: not counting", "Check your alignment"};
  for (const auto& phase : squat->phases) {
    for (const auto& t : phase.targets) allowedCues.insert(t.cue);
  }
  for (const auto& c : cues) EXPECT_TRUE(allowedCues.count(c)) << "drawn cue not the exercise's: " << c;
  std::set<std::string> scored;
  std::stringstream list(db.queryText("SELECT group_concat(quality, ',') FROM repetition WHERE quality IS NOT NULL"));
  for (std::string cell; std::getline(list, cell, ',');) {
    const double q = std::stod(cell);
    scored.insert("last repetition: quality " + std::to_string(static_cast<int>(std::lround(q))));
  }
  EXPECT_FALSE(qualities.empty());
  for (const auto& q : qualities) EXPECT_TRUE(scored.count(q) || q == "last repetition: not scored") << q;

  const auto events = csvRows(dir / "rec.csv.events.csv");
  bool therapist = false;
  for (const auto& row : events) therapist = therapist || (row.size() == 3 && row[1] == "therapist" && row[2] == "pause by anna");
  EXPECT_TRUE(therapist);
  EXPECT_GT(fs::file_size(dir / "viewer.png"), 10000u);

  // `lumbo view` replays the recording.
  const Ran replay = run(dir.path(), "view", "xvfb-run -a -s '-screen 0 1280x1024x24' " + lumbo() + " view " + (dir / "rec.csv").string() +
                                                 " --frames 3 --screenshot " + (dir / "replay.png").string());
  EXPECT_EQ(replay.code, 0) << replay.err;
  EXPECT_TRUE(fs::exists(dir / "replay.png"));
}

TEST(MonitorSession, ADemoWatchedAndGuidedFromTheClinicsLiveSessionTab) {
  test::TempDir dir;
  const fs::path demo = dir / "demo";
  const fs::path keys = demo / "monitor";
  const fs::path serverPub = pairViewers(dir, keys);
  ASSERT_TRUE(fs::exists(serverPub));
  const fs::path data = dir / "data";
  fs::create_directories(data);
  const int port = 20000 + static_cast<int>(::getpid() % 20000);
  const std::string address = "127.0.0.1:" + std::to_string(port);
  const std::string clinic = "xvfb-run -a -s '-screen 0 1280x800x24' " + lumbo() + " clinic --data-dir " + data.string() + " --date 2026-02-02";

  // Bad flags are refused before any window opens: usage errors exit 2, an unreadable key 1.
  const Ran noKey = run(dir.path(), "nokey", lumbo() + " clinic --data-dir " + data.string() + " --monitor " + address);
  EXPECT_EQ(noKey.code, 2) << noKey.err;
  EXPECT_NE(noKey.err.find("--monitor needs --key"), std::string::npos) << noKey.err;
  const Ran badKey = run(dir.path(), "badkey", lumbo() + " clinic --data-dir " + data.string() + " --monitor " + address + " --key " +
                                                   (dir / "missing.key").string() + " --server-key " + serverPub.string());
  EXPECT_EQ(badKey.code, 1) << badKey.err;
  EXPECT_NE(badKey.err.find("missing.key"), std::string::npos) << badKey.err;

  // What the tab shows is waited for as a therapist would watch it: the exercise's name from its
  // definition, the session's own count of repetitions, its pause, the message echoed back from
  // the person's panel, the connection closed and opened again, and the session's end.
  auto squat = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  ASSERT_TRUE(squat.ok()) << squat.error();
  dir.write("tab.txt", "wait-for \"" + squat->name + " (level 1 of\" 240\n"
                       "wait-for \"Rep 2 of \" 120\n"
                       "layout " + (dir / "during.json").string() + "\n"
                       "screenshot " + (dir / "rep2.png").string() + "\n"
                       "wait-for \"Rep 3 of \" 120\n"
                       "screenshot " + (dir / "rep3.png").string() + "\n"
                       "click \"Pause\"\n"
                       "wait-for \"Stage: exercising (paused)\" 30\n"
                       "click \"Resume\"\n"
                       "wait-for \"Stage: exercising   \" 30\n"
                       "set \"##message\" \"Keep your back long\"\n"
                       "wait-for \"Message shown: Keep your back long\" 30\n"
                       "click \"Disconnect\"\n"
                       "wait-for \"disconnected from " + address + "\" 10\n"
                       "click \"Connect\"\n"
                       "wait-for \"" + address + ": connected (encrypted)\" 30\n"
                       "wait-for \"" + address + ": the session ended\" 300\n"
                       "layout " + (dir / "layout.json").string() + "\n");
  dir.write("refused.txt", "wait-for \"refused by the session: this key is not authorised\" 240\n");

  Ran watcher;
  Ran stranger;
  std::thread watcherThread([&] {
    watcher = run(dir.path(), "clinic", clinic + " --monitor " + address + " --key " + (dir / "anna.key").string() +
                                            " --server-key " + serverPub.string() + " --script " + (dir / "tab.txt").string());
  });
  std::thread strangerThread([&] {
    stranger = run(dir.path(), "stranger", clinic + " --monitor " + address + " --key " + (dir / "stranger.key").string() +
                                               " --server-key " + serverPub.string() + " --script " + (dir / "refused.txt").string());
  });
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the consoles start first, as a therapist would
  const Ran watched = run(dir.path(), "demo", lumbo() + " demo --out " + demo.string() + " --monitor " + std::to_string(port));
  watcherThread.join();
  strangerThread.join();

  ASSERT_EQ(watched.code, 0) << watched.out << watched.err;
  // The script's every wait was met (else the console exits 1 naming the line).
  ASSERT_EQ(watcher.code, 0) << watcher.out << watcher.err;
  EXPECT_NE(watcher.out.find("live session: connected to demo's session"), std::string::npos) << watcher.out;
  EXPECT_NE(watcher.out.find("live session: sent pause"), std::string::npos) << watcher.out;
  EXPECT_NE(watcher.out.find("live session: sent resume"), std::string::npos) << watcher.out;
  EXPECT_NE(watcher.out.find("live session: sent message: Keep your back long"), std::string::npos) << watcher.out;
  EXPECT_NE(watcher.out.find("live session: disconnected from " + address), std::string::npos) << watcher.out;
  EXPECT_EQ(stranger.code, 0) << stranger.out << stranger.err;

  // The session's store holds the tab's actions under the viewer key's name.
  auto store = store::SessionStore::open(demo / "demo.lumbo.sqlite", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  auto& db = store->connection();
  expectActionsByAnna(db);

  // At the end the tab showed the session's final count, the store's, in its Session panel.
  const std::int64_t repetitions = db.queryInt("SELECT count(*) FROM repetition");
  const std::int64_t target = db.queryInt("SELECT sum(sets * reps_per_set) FROM session_plan");
  std::ifstream in(dir / "layout.json");
  std::stringstream layout;
  layout << in.rdbuf();
  const std::string counters = "Rep " + std::to_string(repetitions) + " of " + std::to_string(target) + " ";
  EXPECT_NE(layout.str().find("\"" + counters), std::string::npos) << counters << " not in the tab's last layout";

  // The 3D view in its rectangle of the window: a rendered scene (many colours, where an empty
  // panel has one or two), and the person moving in it between the second and third squat.
  std::ifstream duringFile(dir / "during.json");
  const auto during = nlohmann::json::parse(duringFile);
  const nlohmann::json* view = nullptr;
  for (const auto& w : during["widgets"]) {
    if (w["label"] == "3D view##live") view = &w;
  }
  ASSERT_NE(view, nullptr) << "no 3D view in the tab's layout";
  const int x0 = static_cast<int>((*view)["x0"].get<double>()) + 1;
  const int y0 = static_cast<int>((*view)["y0"].get<double>()) + 1;
  const int x1 = static_cast<int>((*view)["x1"].get<double>()) - 1;
  const int y1 = static_cast<int>((*view)["y1"].get<double>()) - 1;
  ASSERT_GT(x1 - x0, 300);
  ASSERT_GT(y1 - y0, 200);
  struct Picture {
    int w = 0, h = 0;
    std::vector<unsigned char> rgba;
  };
  auto load = [](const fs::path& p) {
    Picture pic;
    int channels = 0;
    unsigned char* bytes = stbi_load(p.c_str(), &pic.w, &pic.h, &channels, 4);
    if (bytes) pic.rgba.assign(bytes, bytes + static_cast<std::size_t>(pic.w) * pic.h * 4), stbi_image_free(bytes);
    return pic;
  };
  const Picture a = load(dir / "rep2.png");
  const Picture b = load(dir / "rep3.png");
  ASSERT_EQ(a.w, 1280);
  ASSERT_EQ(b.w, 1280);
  ASSERT_LE(x1, a.w);
  ASSERT_LE(y1, a.h);
  std::set<std::uint32_t> colours;
  int changed = 0;
  for (int y = y0; y < y1; ++y) {
    for (int x = x0; x < x1; ++x) {
      const std::size_t i = (static_cast<std::size_t>(y) * a.w + x) * 4;
      colours.insert(static_cast<std::uint32_t>(a.rgba[i]) << 16 | static_cast<std::uint32_t>(a.rgba[i + 1]) << 8 | a.rgba[i + 2]);
      int d = 0;
      for (int c = 0; c < 3; ++c) d = std::max(d, std::abs(a.rgba[i + c] - b.rgba[i + c]));
      if (d > 24) ++changed;
    }
  }
  EXPECT_GT(colours.size(), 200u) << "the 3D view's rectangle looks empty";
  const double changedShare = static_cast<double>(changed) / ((x1 - x0) * (y1 - y0));
  EXPECT_GT(changedShare, 0.002) << "nothing moved in the 3D view between two squats";
}

}  // namespace
}  // namespace lumbo
