// A guided session published over the loopback interface: a viewer sees its frames and state,
// and the viewer's pause pauses it, recorded in the session's own store with the viewer's name.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "body/trace.h"
#include "exercises/exercise.h"
#include "monitor/monitor_client.h"
#include "monitor/session_publisher.h"
#include "monitor/viewer_model.h"
#include "store/session_store.h"
#include "tests/test_support.h"

namespace lumbo::monitor {
namespace {

TEST(SessionPublisher, AViewerWatchesAndPausesARealSession) {
  test::TempDir dir;
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  auto squat = loadExercise(defaultExerciseFolder() / "deep_squat.json");
  ASSERT_TRUE(squat.ok());
  const auto folder = dir / "p01-monitor";
  auto anna = generateKeyPair("anna");
  ASSERT_TRUE(authorizeViewer(folder, {anna->name, anna->publicKey}));

  int viewerPaused = -1;
  std::size_t viewerRepetitions = 0;
  {
    auto writer = store::SessionWriter::open(dir / "p.db");
    ASSERT_TRUE(writer.ok()) << writer.error();
    store::SessionInfo info;
    info.personId = "p01";
    info.startUnixS = 1.7e9;
    app::GuidedSession session({app::PlannedExercise{*squat, 1, std::nullopt, std::nullopt}}, writer->get(), info);
    SessionPublisherOptions options;
    options.listen = {"127.0.0.1", 0};
    options.keyFolder = folder;
    options.personId = "p01";
    auto publisher = SessionPublisher::start(options, session);
    ASSERT_TRUE(publisher) << publisher.error();
    EXPECT_EQ((*publisher)->authorizedViewers(), 1u);
    auto serverKey = readPublicKeyFile((*publisher)->serverPublicKey());
    ASSERT_TRUE(serverKey) << serverKey.error();
    const std::string endpoint = (*publisher)->endpoint();
    MonitorClientOptions co;
    co.port = std::stoi(endpoint.substr(endpoint.rfind(':') + 1));
    co.key = *anna;
    co.serverPublicKey = serverKey->key;
    MonitorClient client(co);
    ViewerModel model;
    // The viewer connects before the session starts.
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (client.state() != ConnectionState::Connected && std::chrono::steady_clock::now() < end) {
      if (auto m = client.receive(20)) model.apply(*m);
    }
    ASSERT_EQ(client.state(), ConnectionState::Connected);
    bool pauseSent = false;
    for (const auto& s : trace->samples) {
      session.update(s.frame);
      (*publisher)->publish(s.frame, session);
      (*publisher)->applyCommands(session);
      while (auto m = client.receive(0)) model.apply(*m);
      // A headset's pace, a few times over: a viewer that keeps up gets (nearly) every frame.
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
      if (!pauseSent && session.view().feedback.repetitions >= 3) {
        ASSERT_NE(client.send(CommandKind::Pause), 0u);
        pauseSent = true;
        // Give the command time to arrive, as frames keep coming.
        for (int i = 0; i < 200 && !session.view().paused; ++i) {
          if (auto m = client.receive(5)) model.apply(*m);
          (*publisher)->applyCommands(session);
        }
        ASSERT_TRUE(session.view().paused);
      }
    }
    const auto drain = std::chrono::steady_clock::now() + std::chrono::seconds(2);
    while (std::chrono::steady_clock::now() < drain) {
      if (auto m = client.receive(20)) model.apply(*m);
    }
    ASSERT_TRUE(model.state());
    viewerPaused = model.state()->paused;
    viewerRepetitions = static_cast<std::size_t>(model.state()->repetitions);
    EXPECT_EQ(viewerRepetitions, static_cast<std::size_t>(session.view().feedback.repetitions));
    EXPECT_GT(model.framesReceived(), trace->samples.size() / 2);
    ASSERT_TRUE(model.calibration());
    EXPECT_EQ(model.calibration()->devices, session.calibration()->devices);
    ASSERT_TRUE(model.lastReply());
    EXPECT_TRUE(model.lastReply()->accepted);
    session.finish(store::SessionStatus::Interrupted);
    ASSERT_TRUE((*writer)->flush().ok());
  }
  EXPECT_EQ(viewerPaused, 1);
  EXPECT_EQ(viewerRepetitions, 3u);
  auto store = store::SessionStore::open(dir / "p.db", {.create = false});
  ASSERT_TRUE(store.ok()) << store.error();
  EXPECT_EQ(store->connection().queryText("SELECT detail FROM event WHERE kind = 'pause'"), "by anna");
}

}  // namespace
}  // namespace lumbo::monitor
