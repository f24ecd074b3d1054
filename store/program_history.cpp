// Reading a person's progression history from the session store.
#include "store/program_history.h"

#include <algorithm>
#include <map>

#include "store/queries.h"
#include "store/session_store.h"

namespace lumbo::store {

Result<std::vector<SessionResult>> historyFromStore(const std::string& path, const std::string& person, const Program& program) {
  auto db = store::SessionStore::open(path, store::OpenOptions{.create = false});
  if (!db) return Error{db.error()};
  store::Queries q(*db);
  std::map<std::string, int> startLevel;
  for (const ProgramStage& s : program.stages) {
    for (const lumbo::ProgramExercise& pe : s.exercises) startLevel[pe.exerciseId] = pe.startLevel;
  }
  const std::vector<store::LevelChange> changes = q.levelChanges(person);
  auto levelAt = [&](const std::string& id, double unixS) {
    int level = startLevel.count(id) ? startLevel[id] : 1;
    for (const store::LevelChange& c : changes) {
      if (c.exerciseId == id && c.unixS <= unixS) level = c.toLevel;
    }
    return level;
  };
  std::map<std::int64_t, SessionResult> byId;
  for (const store::SessionRow& s : q.sessions(person)) {
    SessionResult r;
    r.date = store::utcDate(s.startUnixS);
    r.day = dayNumber(r.date).value_or(0);
    byId[s.id] = r;
  }
  for (const store::PainPoint& p : q.painTrend(person)) {
    if (!p.sessionId || !byId.count(*p.sessionId)) continue;
    if (p.phase == "before") byId[*p.sessionId].painBefore = p.score;
    if (p.phase == "after") byId[*p.sessionId].painAfter = p.score;
  }
  for (const store::QualityPoint& p : q.qualityOverTime(person)) {
    if (!byId.count(p.sessionId)) continue;
    byId[p.sessionId].exercises.push_back({p.exerciseId, levelAt(p.exerciseId, p.unixS), p.meanQuality});
  }
  std::vector<SessionResult> out;
  for (auto& [id, s] : byId) {
    if (!s.exercises.empty()) out.push_back(std::move(s));
  }
  std::stable_sort(out.begin(), out.end(), [](const SessionResult& a, const SessionResult& b) { return a.day < b.day; });
  return out;
}

}  // namespace lumbo::store
