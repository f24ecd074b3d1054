// The viewer's picture of a session from the messages it receives: events kept once each.
#include <gtest/gtest.h>

#include "monitor/viewer_model.h"

namespace lumbo::monitor {
namespace {

Message event(double timeS, const std::string& kind, const std::string& detail) {
  return Message{0, EventMessage{timeS, kind, detail}};
}

TEST(ViewerModel, RecentEventsSentAgainOnReconnectingAreKeptOnce) {
  ViewerModel model;
  model.apply(event(1.5, "stage", "exercising"));
  model.apply(event(3.3, "repetition", "#1, quality 96"));
  // The session sends its recent events again to a viewer that connects again.
  model.apply(event(1.5, "stage", "exercising"));
  model.apply(event(3.3, "repetition", "#1, quality 96"));
  model.apply(event(5.9, "repetition", "#2, quality 96"));
  ASSERT_EQ(model.events().size(), 3u);
  EXPECT_EQ(model.events()[0].detail, "exercising");
  EXPECT_EQ(model.events()[1].detail, "#1, quality 96");
  EXPECT_EQ(model.events()[2].detail, "#2, quality 96");
}

TEST(ViewerModel, ANewSessionsEventsAreKeptThoughTheyMatchTheLastOnes) {
  ViewerModel model;
  Welcome first;
  first.epoch = 1;
  model.apply(Message{0, first});
  model.apply(event(1.5, "stage", "exercising"));
  Welcome second;
  second.epoch = 2;
  model.apply(Message{0, second});
  model.apply(event(1.5, "stage", "exercising"));
  EXPECT_EQ(model.events().size(), 2u);
}

TEST(ViewerModel, TwoEventsAtOneMomentAreBothKept) {
  ViewerModel model;
  model.apply(event(8.0, "pause", "by anna"));
  model.apply(event(8.0, "message", "by anna: keep your back straight"));
  EXPECT_EQ(model.events().size(), 2u);
}

}  // namespace
}  // namespace lumbo::monitor
