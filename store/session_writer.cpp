// The writer thread, the lock-free hand-off ring and the replay of recorded sessions.
#include "store/session_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>

namespace lumbo::store {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

}  // namespace

Result<std::unique_ptr<SessionWriter>> SessionWriter::open(const std::filesystem::path& path, const WriterOptions& options) {
  // The lock first, so no connection of ours is open when a failed attempt closes its
  // descriptor (that would drop SQLite's record locks on the file).
  auto lock = StoreLock::take(path);
  if (!lock) return Error{lock.error()};
  auto store = SessionStore::open(path);
  if (!store) return Error{store.error()};
  try {
    // Holding the lock, no live writer exists: an open session is one whose process died.
    const int interrupted = store->markOpenSessionsInterrupted();
    std::unique_ptr<SessionWriter> writer(new SessionWriter(std::move(lock).value(), std::move(store).value(), options));
    writer->interruptedOnOpen_ = interrupted;
    writer->thread_ = std::thread([w = writer.get()] { w->run(); });
    return writer;
  } catch (const SqlError& e) {
    return Error{e.what()};
  }
}

SessionWriter::SessionWriter(StoreLock lock, SessionStore store, const WriterOptions& options)
    : options_(options), path_(store.path()), lock_(std::move(lock)), store_(std::move(store)) {
  const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(options_.queueCapacity, 16));
  slots_.resize(capacity);
  mask_ = capacity - 1;
}

SessionWriter::~SessionWriter() {
  stop_.store(true, std::memory_order_release);
  if (thread_.joinable()) thread_.join();
}

void SessionWriter::push(Item&& item, bool mustKeep) {
  if (overflowing_.load(std::memory_order_acquire)) {
    std::lock_guard lock(overflowMutex_);
    // Re-checked under the lock: the writer may have emptied the overflow meanwhile.
    if (overflowing_.load(std::memory_order_relaxed)) {
      if (!mustKeep) {
        samplesThinned_.fetch_add(1, std::memory_order_relaxed);
        return;
      }
      overflow_.emplace_back(tail_.load(std::memory_order_relaxed), std::move(item));
      overflowed_.fetch_add(1, std::memory_order_relaxed);
      handedOver_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  }
  const std::uint64_t tail = tail_.load(std::memory_order_relaxed);
  const std::uint64_t used = tail - head_.load(std::memory_order_acquire);
  const std::uint64_t capacity = slots_.size();
  if (!mustKeep) {
    // Thin before the ring is full so room is left for repetitions: above half, keep every
    // other sample; full, keep none.
    if (used >= capacity || (used >= capacity / 2 && (tail & 1u) != 0)) {
      samplesThinned_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
  } else if (used >= capacity) {
    std::lock_guard lock(overflowMutex_);
    overflow_.emplace_back(tail, std::move(item));
    overflowing_.store(true, std::memory_order_release);
    overflowed_.fetch_add(1, std::memory_order_relaxed);
    handedOver_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  slots_[tail & mask_] = std::move(item);
  tail_.store(tail + 1, std::memory_order_release);
  handedOver_.fetch_add(1, std::memory_order_relaxed);
}

void SessionWriter::beginSession(SessionInfo info) {
  inSession_ = true;
  lastSampleS_ = -1e300;
  push(std::move(info), true);
}

void SessionWriter::set(ExerciseSetRecord set) { push(std::move(set), true); }
void SessionWriter::repetition(RepetitionRecord rep) { push(std::move(rep), true); }
void SessionWriter::hold(HoldRecord hold) { push(std::move(hold), true); }
void SessionWriter::event(EventRecord event) { push(std::move(event), true); }

void SessionWriter::posture(const Posture& posture, std::uint16_t trackedDevices) {
  if (posture.timeS - lastSampleS_ < options_.samplePeriodS - 1e-6) {
    samplesByRate_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  lastSampleS_ = posture.timeS;
  push(PostureSampleRecord::from(posture, trackedDevices), false);
}

void SessionWriter::endSession(double endUnixS, SessionStatus status, std::optional<int> painAfter) {
  inSession_ = false;
  push(SessionEnd{endUnixS, status, painAfter}, true);
}

// Moves up to maxItems records, in hand-over order, from the ring and the overflow into batch.
bool SessionWriter::drain(std::vector<Item>& batch, std::size_t maxItems) {
  std::uint64_t head = head_.load(std::memory_order_relaxed);
  const std::size_t before = batch.size();
  while (batch.size() - before < maxItems) {
    if (overflowing_.load(std::memory_order_acquire)) {
      std::lock_guard lock(overflowMutex_);
      bool took = false;
      while (!overflow_.empty() && overflow_.front().first <= head) {
        batch.push_back(std::move(overflow_.front().second));
        overflow_.pop_front();
        took = true;
      }
      if (overflow_.empty()) overflowing_.store(false, std::memory_order_release);
      if (took) continue;
    }
    if (head == tail_.load(std::memory_order_acquire)) break;
    batch.push_back(std::move(slots_[head & mask_]));
    ++head;
    head_.store(head, std::memory_order_release);
  }
  return batch.size() > before;
}

bool SessionWriter::writeBatch(const std::vector<Item>& batch) {
  std::optional<std::int64_t> session = sessionId_;
  try {
    Transaction t(store_.connection());
    for (const Item& item : batch) {
      if (const auto* info = std::get_if<SessionInfo>(&item)) {
        session = store_.beginSession(*info);
        continue;
      }
      if (!session) continue;  // records outside a session have nowhere to go
      if (const auto* end = std::get_if<SessionEnd>(&item)) {
        store_.endSession(*session, end->endUnixS, end->status, end->painAfter);
        session.reset();
      } else if (const auto* s = std::get_if<ExerciseSetRecord>(&item)) {
        store_.addSet(*session, *s);
      } else if (const auto* r = std::get_if<RepetitionRecord>(&item)) {
        store_.addRepetition(*session, *r);
      } else if (const auto* h = std::get_if<HoldRecord>(&item)) {
        store_.addHold(*session, *h);
      } else if (const auto* e = std::get_if<EventRecord>(&item)) {
        store_.addEvent(*session, *e);
      } else if (const auto* p = std::get_if<PostureSampleRecord>(&item)) {
        store_.addPostureSample(*session, *p);
      }
    }
    t.commit();
  } catch (const SqlError& e) {
    std::lock_guard lock(stateMutex_);
    lastError_ = describeFailure(path_, e);
    lastErrorKind_ = failureKind(e);
    failing_.store(true, std::memory_order_release);
    return false;
  }
  sessionId_ = session;
  {
    std::lock_guard lock(stateMutex_);
    lastError_.clear();
    failing_.store(false, std::memory_order_release);
    journalled_.store(0, std::memory_order_relaxed);
    committed_.fetch_add(batch.size(), std::memory_order_release);
    commits_.fetch_add(1, std::memory_order_relaxed);
  }
  committedCv_.notify_all();
  return true;
}

// While writes fail, the batch is the journal: keep it within its bounds, oldest samples thinned
// first, every repetition, set, hold and event kept up to journalRecordLimit.
void SessionWriter::boundJournal(std::vector<Item>& batch) {
  std::size_t samples = 0, records = 0;
  for (const Item& item : batch) (std::holds_alternative<PostureSampleRecord>(item) ? samples : records)++;
  std::uint64_t dropped = 0;
  if (samples > options_.journalSampleLimit || records > options_.journalRecordLimit) {
    std::size_t dropSamples = samples > options_.journalSampleLimit ? samples - options_.journalSampleLimit : 0;
    std::size_t keptRecords = 0;
    std::vector<Item> kept;
    kept.reserve(batch.size());
    for (Item& item : batch) {
      const bool sample = std::holds_alternative<PostureSampleRecord>(item);
      // The session's start and end are never dropped: without them the rest has no home.
      const bool framing = std::holds_alternative<SessionInfo>(item) || std::holds_alternative<SessionEnd>(item);
      if (sample && dropSamples > 0) {
        --dropSamples;
        ++dropped;
      } else if (!sample && !framing && keptRecords >= options_.journalRecordLimit) {
        ++dropped;
      } else {
        if (!sample && !framing) ++keptRecords;
        kept.push_back(std::move(item));
      }
    }
    batch = std::move(kept);
  }
  if (dropped) {
    journalDropped_.fetch_add(dropped, std::memory_order_relaxed);
    // Dropped records will never be committed: flush() must not wait for them.
    std::lock_guard lock(stateMutex_);
    committed_.fetch_add(dropped, std::memory_order_release);
  }
  journalled_.store(batch.size(), std::memory_order_relaxed);
}

void SessionWriter::run() {
  std::vector<Item> batch;
  batch.reserve(1024);
  auto oldestPending = Clock::now();
  bool pendingMustKeep = false;
  const auto poll = std::chrono::duration<double>(options_.pollIntervalS);
  for (;;) {
    const bool stopping = stop_.load(std::memory_order_acquire);
    const bool wasEmpty = batch.empty();
    if (drain(batch, 4096)) {
      if (wasEmpty) oldestPending = Clock::now();
      for (const Item& item : batch) {
        if (!std::holds_alternative<PostureSampleRecord>(item)) pendingMustKeep = true;
      }
    }
    // Repetitions and events commit at once (durable within a poll and an fsync); samples ride
    // along or wait up to sampleCommitIntervalS, so a quiet stretch costs two commits a second.
    const bool due = pendingMustKeep || secondsSince(oldestPending) >= options_.sampleCommitIntervalS || stopping;
    if (!batch.empty() && due) {
      if (writeBatch(batch)) {
        batch.clear();
        pendingMustKeep = false;
      } else {
        if (stopping) return;  // flush(retryForS) gave the last chance; the next open() recovers what is there
        boundJournal(batch);
        std::this_thread::sleep_for(std::chrono::duration<double>(options_.retryIntervalS));
        continue;
      }
    }
    if (stopping && batch.empty() && head_.load() == tail_.load() && !overflowing_.load()) return;
    if (batch.empty() || !due) std::this_thread::sleep_for(poll);
  }
}

Status SessionWriter::flush(double retryForS) {
  const std::uint64_t target = handedOver_.load(std::memory_order_acquire);
  const auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(retryForS));
  std::unique_lock lock(stateMutex_);
  for (;;) {
    if (committed_.load(std::memory_order_acquire) >= target) return Done{};
    if (!lastError_.empty() && Clock::now() >= deadline) {
      return Error{lastError_ + "; " + std::to_string(target - committed_.load()) + " records could not be saved"};
    }
    committedCv_.wait_for(lock, std::chrono::milliseconds(50));
  }
}

WriterStats SessionWriter::stats() const {
  WriterStats s;
  s.handedOver = handedOver_.load();
  s.samplesByRate = samplesByRate_.load();
  s.samplesThinned = samplesThinned_.load();
  s.overflowed = overflowed_.load();
  s.committed = committed_.load();
  s.commits = commits_.load();
  s.journalled = journalled_.load();
  s.journalDropped = journalDropped_.load();
  return s;
}

std::string SessionWriter::recordingProblem() const {
  if (!failing_.load(std::memory_order_acquire)) return {};
  std::lock_guard lock(stateMutex_);
  if (lastError_.empty()) return {};
  const std::string kept = " (" + std::to_string(journalled_.load()) + " records kept, retrying)";
  switch (lastErrorKind_) {
    case FailureKind::DiskFull: return "recording paused: disk full" + kept;
    case FailureKind::Damaged: return "recording paused: the store is damaged" + kept;
    case FailureKind::Other: break;
  }
  return "recording paused: cannot write the store" + kept;
}

std::string SessionWriter::lastError() const {
  std::lock_guard lock(stateMutex_);
  return lastError_;
}

Status replaySession(SessionWriter& writer, const RecordedSession& session, bool realtime,
                     const std::function<void(double doneS, double totalS)>& progress) {
  // Every record with the session time at which the live app would hand it over.
  enum class Kind { Set, Rep, Hold, Event, Posture };
  struct Due {
    double timeS;
    Kind kind;
    std::size_t index;
  };
  std::vector<Due> due;
  due.reserve(session.sets.size() + session.repetitions.size() + session.holds.size() + session.events.size() +
              session.postures.size());
  for (std::size_t i = 0; i < session.sets.size(); ++i) due.push_back({session.sets[i].endS, Kind::Set, i});
  for (std::size_t i = 0; i < session.repetitions.size(); ++i) due.push_back({session.repetitions[i].endS, Kind::Rep, i});
  for (std::size_t i = 0; i < session.holds.size(); ++i) {
    due.push_back({session.holds[i].startS + session.holds[i].heldS, Kind::Hold, i});
  }
  for (std::size_t i = 0; i < session.events.size(); ++i) due.push_back({session.events[i].timeS, Kind::Event, i});
  for (std::size_t i = 0; i < session.postures.size(); ++i) due.push_back({session.postures[i].timeS, Kind::Posture, i});
  std::stable_sort(due.begin(), due.end(), [](const Due& a, const Due& b) { return a.timeS < b.timeS; });

  const auto start = Clock::now();
  writer.beginSession(session.info);
  double nextProgressS = 1.0;
  for (const Due& d : due) {
    if (progress && d.timeS >= nextProgressS) {
      progress(d.timeS, session.durationS);
      nextProgressS = std::floor(d.timeS) + 1.0;
    }
    if (realtime) {
      std::this_thread::sleep_until(start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(d.timeS)));
    } else {
      while (writer.queued() > writer.capacity() / 4) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    switch (d.kind) {
      case Kind::Set: writer.set(session.sets[d.index]); break;
      case Kind::Rep: writer.repetition(session.repetitions[d.index]); break;
      case Kind::Hold: writer.hold(session.holds[d.index]); break;
      case Kind::Event: writer.event(session.events[d.index]); break;
      case Kind::Posture: writer.posture(session.postures[d.index], session.trackedDevices); break;
    }
  }
  writer.endSession(session.info.startUnixS + session.durationS, SessionStatus::Completed, session.painAfter);
  return writer.flush();
}

}  // namespace lumbo::store
