// SessionWriter: takes a live session's records from the frame thread without blocking and
// commits them to the store on a thread of its own, in small transactions.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include "body/posture.h"
#include "body/result.h"
#include "store/session_records.h"
#include "store/session_store.h"
#include "store/store_file.h"
#include "store/store_health.h"

namespace lumbo::store {

struct WriterOptions {
  // Ring slots between the frame thread and the writer. At 10 samples a second plus a few
  // repetitions it holds minutes of session, far beyond any stall of a healthy disk.
  std::size_t queueCapacity = 4096;
  // Posture is kept at this period (0.1 s = 10 Hz) for charts; the frame thread hands every
  // frame and the writer's front door drops the ones in between.
  double samplePeriodS = 0.1;
  // Records without a repetition or event in them (samples) are committed at least this often.
  double sampleCommitIntervalS = 0.5;
  // How long the writer thread sleeps when it finds nothing to do. Bounds the delay before a
  // repetition reaches the disk, together with one fsync.
  double pollIntervalS = 0.02;
  // While the store cannot be written (a full disk), what was handed over waits in memory and
  // is retried every retryIntervalS. The wait is bounded: posture samples beyond
  // journalSampleLimit (10 minutes at 10 Hz) are thinned away, and repetitions, sets, holds and
  // events beyond journalRecordLimit (hours of a session) are dropped and counted.
  double retryIntervalS = 0.25;
  std::size_t journalSampleLimit = 6000;
  std::size_t journalRecordLimit = 65536;
};

struct WriterStats {
  std::uint64_t handedOver = 0;       // records accepted from the frame thread
  std::uint64_t samplesByRate = 0;    // posture frames skipped by samplePeriodS (by design)
  std::uint64_t samplesThinned = 0;   // samples dropped because the queue was filling up
  std::uint64_t overflowed = 0;       // repetitions/events parked beside a full queue (not lost)
  std::uint64_t committed = 0;        // records durable in the database
  std::uint64_t commits = 0;          // transactions
  std::uint64_t journalled = 0;       // records waiting in memory for the store to take them
  std::uint64_t journalDropped = 0;   // records the bounded journal had to let go
};

class SessionWriter {
 public:
  // Takes the writer lock on the database file itself (one writer per store, whatever name or
  // link it is reached by), opens the store, marks the
  // sessions a killed process left open as interrupted, and starts the writer thread.
  static Result<std::unique_ptr<SessionWriter>> open(const std::filesystem::path& path, const WriterOptions& options = {});

  // Commits everything handed over, then stops the thread. A session still open stays open in
  // the file and is marked interrupted by the next open().
  ~SessionWriter();
  SessionWriter(const SessionWriter&) = delete;
  SessionWriter& operator=(const SessionWriter&) = delete;

  // Frame-thread calls: never block on the disk. All of them must come from one thread.
  void beginSession(SessionInfo info);
  void set(ExerciseSetRecord set);
  void repetition(RepetitionRecord rep);
  void hold(HoldRecord hold);
  void event(EventRecord event);
  // Every frame's posture; kept at samplePeriodS. trackedDevices: bit d set when device d is valid.
  void posture(const Posture& posture, std::uint16_t trackedDevices);
  void endSession(double endUnixS, SessionStatus status = SessionStatus::Completed, std::optional<int> painAfter = std::nullopt);

  // Blocks until everything handed over so far is committed (not for the frame thread). Returns
  // the writer's error if it could not write; with retryForS, only after retrying that long
  // (the end of a session gives a full disk a last chance).
  Status flush(double retryForS = 0.0);

  // Records waiting in the ring: lets a replay that is not live wait instead of thinning.
  std::size_t queued() const { return static_cast<std::size_t>(tail_.load() - head_.load()); }
  std::size_t capacity() const { return slots_.size(); }

  WriterStats stats() const;
  int interruptedOnOpen() const { return interruptedOnOpen_; }
  // The last write failure (e.g. disk full), empty when none; the writer keeps retrying.
  std::string lastError() const;
  // What the headset shows while writing fails, empty when recording works: "recording paused:
  // disk full (12 records kept, retrying)". Cheap enough for every frame.
  std::string recordingProblem() const;
  const std::filesystem::path& path() const { return path_; }

 private:
  struct SessionEnd {
    double endUnixS = 0.0;
    SessionStatus status = SessionStatus::Completed;
    std::optional<int> painAfter;
  };
  using Item = std::variant<SessionInfo, ExerciseSetRecord, RepetitionRecord, HoldRecord, EventRecord,
                            PostureSampleRecord, SessionEnd>;

  SessionWriter(StoreLock lock, SessionStore store, const WriterOptions& options);
  void push(Item&& item, bool mustKeep);
  void run();
  bool drain(std::vector<Item>& batch, std::size_t maxItems);
  bool writeBatch(const std::vector<Item>& batch);
  void boundJournal(std::vector<Item>& batch);

  WriterOptions options_;
  std::filesystem::path path_;
  StoreLock lock_;  // before store_: released only after the store's connection is closed
  SessionStore store_;
  int interruptedOnOpen_ = 0;

  // Single-producer single-consumer ring: the frame thread owns tail_, the writer owns head_.
  std::vector<Item> slots_;
  std::size_t mask_ = 0;
  alignas(64) std::atomic<std::uint64_t> tail_{0};
  alignas(64) std::atomic<std::uint64_t> head_{0};

  // Records that must not be lost wait here while the ring is full, each with the ring position
  // it follows, so the writer keeps hand-over order.
  std::mutex overflowMutex_;
  std::deque<std::pair<std::uint64_t, Item>> overflow_;
  std::atomic<bool> overflowing_{false};

  // Frame-thread state.
  double lastSampleS_ = -1e300;
  bool inSession_ = false;

  std::atomic<std::uint64_t> handedOver_{0}, samplesByRate_{0}, samplesThinned_{0}, overflowed_{0};
  std::atomic<std::uint64_t> committed_{0}, commits_{0};

  mutable std::mutex stateMutex_;
  std::condition_variable committedCv_;
  std::string lastError_;
  FailureKind lastErrorKind_ = FailureKind::Other;
  std::atomic<bool> failing_{false};
  std::atomic<std::uint64_t> journalled_{0}, journalDropped_{0};
  std::optional<std::int64_t> sessionId_;  // writer thread only
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A whole session as data: what `lumbo score` (and tests) hand to a SessionWriter. Times of the
// records are seconds since info.startUnixS.
struct RecordedSession {
  SessionInfo info;
  std::vector<ExerciseSetRecord> sets;
  std::vector<RepetitionRecord> repetitions;
  std::vector<HoldRecord> holds;
  std::vector<EventRecord> events;
  std::vector<Posture> postures;  // every frame; the writer reduces the rate
  std::uint16_t trackedDevices = 0;
  double durationS = 0.0;
  std::optional<int> painAfter;
};

// Hands a recorded session to the writer in time order, as the live app would: each record when
// its time comes (a repetition at its end, a set at its end). With realtime the calls are paced
// at the recording's own speed; otherwise as fast as the writer takes them. Returns after flush.
// `progress`, when set, is called with the session seconds handed over so far, about once per
// second of session time (a terminal's progress line for a paced replay).
Status replaySession(SessionWriter& writer, const RecordedSession& session, bool realtime,
                     const std::function<void(double doneS, double totalS)>& progress = {});

}  // namespace lumbo::store
