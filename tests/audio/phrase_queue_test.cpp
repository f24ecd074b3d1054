// The voice's queue: one phrase at a time, priorities, the cue rate limit, stale phrases dropped.
#include <gtest/gtest.h>

#include "audio/phrase_queue.h"

namespace lumbo::audio {
namespace {

Phrase phrase(const char* text, PhrasePriority p, double dueS) { return {text, p, dueS}; }

// Starts what the queue offers at `nowS`, each lasting `durationS`; returns its text or "".
std::string startNext(PhraseQueue& q, double nowS, double durationS = 1.0) {
  auto p = q.next(nowS);
  if (!p) return "";
  q.started(*p, nowS, durationS);
  return p->text;
}

TEST(PhraseQueue, NeverStartsWhileSpeakingAndLeavesAPause) {
  PhraseQueue q;
  q.push(phrase("first", PhrasePriority::Instruction, 0.0));
  q.push(phrase("second", PhrasePriority::Instruction, 0.0));
  EXPECT_EQ(startNext(q, 0.0, 2.0), "first");
  EXPECT_EQ(startNext(q, 1.0), "");
  EXPECT_EQ(startNext(q, 2.1), "") << "the pause between phrases";
  EXPECT_TRUE(q.speaking(1.9));
  EXPECT_EQ(startNext(q, 2.3), "second");
}

TEST(PhraseQueue, MessageFirstThenCountThenInstructionThenCue) {
  PhraseQueueOptions options;
  options.cueStaleS = 10.0;  // this test is about the order only
  PhraseQueue q(options);
  q.push(phrase("keep your back long", PhrasePriority::Cue, 0.0));
  q.push(phrase("stand tall", PhrasePriority::Instruction, 0.0));
  q.push(phrase("3", PhrasePriority::Count, 0.0));
  q.push(phrase("well done", PhrasePriority::Message, 0.0));
  EXPECT_EQ(startNext(q, 0.0, 0.5), "well done");
  EXPECT_EQ(startNext(q, 1.0, 0.5), "3");
  EXPECT_EQ(startNext(q, 2.0, 0.5), "stand tall");
  EXPECT_EQ(startNext(q, 3.0, 0.5), "keep your back long");
}

TEST(PhraseQueue, ANewerCountReplacesAnOlderOne) {
  PhraseQueue q;
  q.push(phrase("long instruction", PhrasePriority::Instruction, 0.0));
  EXPECT_EQ(startNext(q, 0.0, 3.0), "long instruction");
  q.push(phrase("4", PhrasePriority::Count, 1.0));
  q.push(phrase("5", PhrasePriority::Count, 2.0));
  EXPECT_EQ(q.waiting(), 1u);
  EXPECT_EQ(startNext(q, 3.3), "5");
}

TEST(PhraseQueue, CuesAreRateLimitedAndNotRepeatedAtOnce) {
  PhraseQueueOptions options;
  options.cueGapS = 4.0;
  options.sameCueGapS = 10.0;
  options.cueStaleS = 100.0;  // this test is about the limit, not staleness
  PhraseQueue q(options);
  q.push(phrase("knees out", PhrasePriority::Cue, 0.0));
  EXPECT_EQ(startNext(q, 0.0, 1.0), "knees out");
  q.push(phrase("chest up", PhrasePriority::Cue, 1.5));
  EXPECT_EQ(startNext(q, 2.0), "") << "within 4 s of the last cue";
  EXPECT_EQ(startNext(q, 4.0), "chest up");
  q.push(phrase("chest up", PhrasePriority::Cue, 8.5));
  EXPECT_EQ(startNext(q, 9.0), "") << "the same cue again within 10 s";
  EXPECT_EQ(startNext(q, 14.0), "chest up");
}

TEST(PhraseQueue, StalePhrasesAreDropped) {
  PhraseQueueOptions options;
  options.countStaleS = 2.0;
  options.cueStaleS = 1.0;
  PhraseQueue q(options);
  q.push(phrase("long", PhrasePriority::Message, 0.0));
  EXPECT_EQ(startNext(q, 0.0, 5.0), "long");
  q.push(phrase("2", PhrasePriority::Count, 0.5));
  q.push(phrase("knees out", PhrasePriority::Cue, 0.5));
  EXPECT_EQ(startNext(q, 5.5), "") << "both came too late to help";
  EXPECT_EQ(q.waiting(), 0u);
}

TEST(PhraseQueue, ClearingGuidanceKeepsCountsAndMessages) {
  PhraseQueue q;
  q.push(phrase("step one", PhrasePriority::Instruction, 0.0));
  q.push(phrase("knees out", PhrasePriority::Cue, 0.0));
  q.push(phrase("10", PhrasePriority::Count, 0.0));
  q.push(phrase("call me", PhrasePriority::Message, 0.0));
  q.clearGuidance();
  EXPECT_EQ(startNext(q, 0.0, 0.1), "call me");
  EXPECT_EQ(startNext(q, 1.0, 0.1), "10");
  EXPECT_TRUE(q.idle(2.0));
}

}  // namespace
}  // namespace lumbo::audio
