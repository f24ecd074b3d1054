// The lumbo executable: dispatches to subcommands, prints usage and maps errors to exit codes.
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

#include "app/cli/command_line.h"
#include "app/cli/commands.h"

namespace {

using lumbo::app::kExitFailure;
using lumbo::app::kExitOk;
using lumbo::app::kExitUsage;

struct Command {
  std::string_view name;
  std::string_view usage;    // required options bare, optional ones in brackets
  std::string_view summary;
  std::string_view options;  // every option, one per line, for `lumbo help COMMAND` and `--help`
  int (*run)(std::span<const std::string>);
};

const Command kCommands[] = {
    {"trace", "trace info FILE", "describe a motion trace: devices, duration, rate, gaps",
     "  FILE                  a lumbo-trace v1 recording (docs/trace_format.md)\n",
     lumbo::app::runTrace},
    {"score",
     "score TRACE [--exercise ID] [--level N] [--json OUT] [--signals CSV] [--neutral A-B] [--exercises-dir DIR] "
     "[--reference REF_TRACE [--reference-reps N]] [--gravity-free] "
     "[--person ID [--db DB] [--date D] [--context TEXT] [--days-since-landing N] [--realtime]] [--force]",
     "count and score an exercise's repetitions in a recorded trace, and record it as a session",
     "  --exercise ID         the exercise (default: the trace's '# exercise:')\n"
     "  --level N             the level to score at (default: the plan's level for it, else 1)\n"
     "  --json OUT            the score as JSON ('-' for stdout: the summary then goes to stderr)\n"
     "  --force               replace an existing --json or --signals file (never the recording or a store)\n"
     "  --signals CSV         every frame's signals, phase and count, to see why a repetition scored as it did\n"
     "  --neutral A-B         the neutral hold in seconds (default: the trace's, else its first second)\n"
     "  --exercises-dir DIR   the exercise library (default: the bundled one)\n"
     "  --person ID           record the scored recording as a session of this person, with the plan of the\n"
     "                        program in force at its date and that program's version\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --date D              when the recording was made: YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC (default: now;\n"
     "                        not in the future); sessions are ordered and counted by it\n"
     "  --context TEXT        a label for before/after comparisons, e.g. pre-flight\n"
     "  --days-since-landing N  overrides the recorded landing date for a staged program\n"
     "  --realtime            hand the records over at the recording's own pace, with progress on stderr\n"
     "  --reference REF_TRACE score against the bands made from this recording of the person's good\n"
     "                        repetitions (default with --person: their stored reference, else the population's)\n"
     "  --reference-reps N    make the reference from its first N scored repetitions (default: all)\n"
     "  --gravity-free        microgravity: angles relative to the calibrated neutral, not the vertical\n",
     lumbo::app::runScore},
    {"exercises", "exercises [--exercises-dir DIR] [--verbose]", "list the exercise library",
     "  --exercises-dir DIR   the library folder (default: $LUMBO_EXERCISES_DIR, else the bundled one)\n"
     "  --verbose             each exercise's rationale and levels\n",
     lumbo::app::runExercises},
    {"report", "report --person ID --out DIR [--db DB] [--force]", "HTML report with charts, and its figures as CSV files",
     "  --person ID           whose report\n"
     "  --out DIR             the folder for report.html and the CSV files (created 0700; files 0600)\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --force               replace a report already in DIR\n",
     lumbo::app::runReport},
    {"export", "export --person ID --format csv|json|fhir --out PATH [--db DB] [--deidentify] [--force]",
     "a person's data as CSV, JSON or a FHIR R4 Bundle",
     "  --person ID           whose data\n"
     "  --format F            csv, json or fhir (an R4 Bundle)\n"
     "  --out PATH            the file to write (0600, atomically)\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --deidentify          no name, a pseudonym for the id, no free text\n"
     "  --force               replace an existing file at PATH (never the store itself)\n",
     lumbo::app::runExport},
    {"reference",
     "reference set --person ID --exercise ID TRACE [--reps N] [--db DB] [--exercises-dir DIR]; "
     "reference show --person ID [--db DB]",
     "make a recording of the person's good repetitions their reference: their own bands and ghost",
     "  set TRACE             check the recording (enough scored repetitions, all within the safety limits)\n"
     "                        and store its bands as the person's for the exercise; refused with reasons\n"
     "  show                  each exercise's personal bands in force, beside the population's\n"
     "  --person ID           whose reference\n"
     "  --exercise ID         the exercise the recording shows\n"
     "  --reps N              make it from the first N scored repetitions (default: all)\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --exercises-dir DIR   the exercise library (default: the bundled one)\n",
     lumbo::app::runReference},
    {"store", "store check DB; store salvage DB OUT",
     "check a session store for damage, or copy every readable session of a damaged one into a new file",
     "  check DB              run SQLite's full integrity check and say whether the store is damaged\n"
     "  salvage DB OUT        copy every readable session of a damaged store into a new store OUT (never\n"
     "                        writes DB)\n",
     lumbo::app::runStore},
    {"run",
     "run [--program FILE] [--person ID] [--db DB] [--report DIR] [--pain-before N] [--days-since-landing N] "
     "[--context TEXT] [--quality auto|high|low] [--eye-size PX] [--no-haptics] [--no-demonstration] [--gravity-free] "
     "[--desktop] [--monitor [ADDR:]PORT] [--validate] [--volume 0-100] [--voice NAME] [--no-audio]",
     "a guided session in the headset (the active OpenXR runtime)",
     "  --program FILE        the program (default: the person's program in force, else the bundled MCT program)\n"
     "  --person ID           whose session (default: me)\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --report DIR          where the report goes (default: beside the store, ID-report)\n"
     "  --pain-before N       pain 0-10 before the session (otherwise asked in the headset)\n"
     "  --days-since-landing N  overrides the recorded landing date for a staged program\n"
     "  --context TEXT        a label for before/after comparisons, e.g. post-flight day 3\n"
     "  --quality Q           auto (default): the eye size and MSAA adapt to keep frames on time; high: the\n"
     "                        runtime's recommended size with 4x MSAA; low: a quarter of its pixels, no MSAA\n"
     "  --eye-size PX         fixed square eye images of PX pixels (overrides --quality)\n"
     "  --no-haptics          no controller pulses when alignment leaves its band\n"
     "  --no-demonstration    no repetition shown by the ghost before each exercise's first set\n"
     "  --gravity-free        microgravity: angles relative to the neutral in the station frame\n"
     "  --desktop             also show the session in a desktop window for a therapist\n"
     "  --monitor [ADDR:]PORT publish the session, encrypted, to authorised viewers (lumbo monitor); listens on\n"
     "                        127.0.0.1 unless ADDR is given; keys in the person's ID-monitor folder\n"
     "  --validate            turn the Vulkan validation layer on\n"
     "  --volume N            the coach's voice and sounds at N% (0-100, default 80)\n"
     "  --voice NAME          the espeak-ng voice (default en; espeak-ng --voices lists them)\n"
     "  --no-audio            no voice, ticks or chimes (every phrase is still on the panel)\n",
     lumbo::app::runRun},
    {"demo", "demo [--out DIR] [--trace TRACE] [--eye-size PX] [--quality auto|high|low] [--paced] [--capture DIR] "
     "[--monitor [ADDR:]PORT] [--validate] [--audio-out WAV [--force]] [--volume 0-100] [--voice NAME] [--no-audio]",
     "a guided session on the simulated runtime with a bundled recording, ending in a report",
     "  --out DIR             the demo's folder: store, report, logs (default: lumbo-demo)\n"
     "  --trace TRACE         the recording the simulated person plays (default: assets/demo/deep_squat_demo.csv)\n"
     "  --eye-size PX         square eye images of PX pixels (default: 160, no MSAA)\n"
     "  --quality Q           draw at the runtime's recommended size: auto, high or low (as for run)\n"
     "  --paced               play in real time at 90 Hz, as a headset would (default: as fast as it renders)\n"
     "  --capture DIR         save every 45th frame as PNG here\n"
     "  --monitor [ADDR:]PORT publish the session to authorised viewers (keys in DIR/monitor)\n"
     "  --validate            turn the Vulkan validation layer on\n"
     "  --audio-out WAV       write the session's mixed audio (voice, ticks, chimes; 48 kHz stereo) to WAV,\n"
     "                        rendered in step with the session's clock: the same file on every run\n"
     "  --force               replace an existing WAV\n"
     "  --volume N            the coach's voice and sounds at N% (0-100, default 80)\n"
     "  --voice NAME          the espeak-ng voice (default en; espeak-ng --voices lists them)\n"
     "  --no-audio            no voice, ticks or chimes (every phrase is still on the panel)\n",
     lumbo::app::runDemo},
    {"analyze",
     "analyze TRACE --csv OUT [--neutral A-B] [--devices LIST] [--position P] [--reference person|stage] [--gravity-free] [--force]",
     "posture metrics of every sample, calibrated on the neutral hold",
     "  --csv OUT             one row of metrics per sample\n"
     "  --neutral A-B         the neutral hold in seconds (default: the trace's, else its first second)\n"
     "  --devices LIST        use only these devices, e.g. head,pelvis,chest\n"
     "  --position P          the neutral position: standing, supine or four_point_kneeling\n"
     "  --reference R         person (forward is where the person faces; default) or stage\n"
     "  --gravity-free        microgravity: metrics relative to the neutral in the station frame\n"
     "  --force               replace an existing output (never the inputs or a session store)\n",
     lumbo::app::runAnalyze},
    {"program",
     "program validate|show FILE; program assign FILE --person ID [--db DB] [--date D]; "
     "program next [FILE] [--person ID [--db DB]] [--history H.json|DB] [--date D] [--days-since-landing N] [--apply]",
     "check a therapist's program, show it, assign it, or say what the next session prescribes and why",
     "  validate FILE         check the program against the exercise library\n"
     "  show FILE             the program in words\n"
     "  assign FILE           store it as the person's program in force (a new version each time; old ones are kept);\n"
     "                        an unknown person is enrolled\n"
     "  next [FILE]           the next session's prescription and why (default FILE: the person's program in force)\n"
     "  --person ID           whose program or history\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --history H           a JSON history file, or a session store (default: --db)\n"
     "  --date D              assign: from when it applies (default: now; not in the future); next: the day planned for\n"
     "  --days-since-landing N  overrides the recorded landing date for a staged program\n"
     "  --apply               next: record the level changes it decides, with their reasons\n"
     "  --exercises-dir DIR   the exercise library (default: the bundled one)\n"
     "  program files may set \"odi_every_days\": N (7-365) to make the ODI due every N days\n",
     lumbo::app::runProgram},
    {"patient",
     "patient add ID [--name TEXT] [--landing-date YYYY-MM-DD] [--notes TEXT] [--db DB]; patient show ID [--db DB] [--date D]; "
     "patient list [--data-dir DIR] [--db DB] [--date D] [--json OUT] [--force]",
     "the patient record, one person's overview, and every person in the data folder",
     "  add ID                create the person or update the fields given\n"
     "  show ID               record, program in force, adherence, latest quality, pain and ODI, flags\n"
     "  list                  every person of every store in the data folder: last session, adherence over the last\n"
     "                        7 and 28 days, latest quality and pain, and flags (no session for N days, pain rising,\n"
     "                        quality falling, level locked, ODI due)\n"
     "  --name TEXT           the name shown in reports (never exported de-identified)\n"
     "  --landing-date D      an astronaut's landing date: stages staged programs instead of --days-since-landing;\n"
     "                        refused when after a session it staged\n"
     "  --notes TEXT          free notes\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --data-dir DIR        list: the data folder (default: $XDG_DATA_HOME/lumbo or ~/.local/share/lumbo)\n"
     "  --date D              show, list: as of this date (default: now)\n"
     "  --json OUT            list: the same as JSON ('-' for stdout)\n"
     "  --force               list: replace an existing --json file\n",
     lumbo::app::runPatient},
    {"outcome",
     "outcome odi --person ID --answers A1,...,A10 [--date D] [--db DB]; outcome pain --person ID --nrs N [--date D] [--db DB]",
     "record an Oswestry Disability Index or a pain score outside a session",
     "  odi                   the ten ODI sections, each 0-5 or - (not answered); the score is\n"
     "                        sum / (5 x sections answered) x 100 (Fairbank and Pynsent 2000), which the method\n"
     "                        gives for one missing section: with two or more missing it is refused\n"
     "  pain                  pain on the 0-10 numeric rating scale\n"
     "  --person ID           whose outcome (must be known: lumbo patient add ID)\n"
     "  --answers LIST        odi: ten comma-separated answers, e.g. 2,1,3,-,2,1,0,2,1,1\n"
     "  --nrs N               pain: 0 (none) to 10 (worst imaginable)\n"
     "  --date D              YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC (default: now; not in the future)\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n",
     lumbo::app::runOutcome},
    {"assess",
     "assess TRACE... [--person ID [--db DB] [--context TEXT] [--date D]] [--json OUT] [--program-out FILE] "
     "[--baseline PROGRAM] [--exercises-dir DIR] [--force]",
     "assessment battery over recorded tests: findings, range of motion and a proposed program",
     "  TRACE...              recordings of the battery's tests; one that is none is reported and skipped\n"
     "  --person ID           store the findings and range-of-motion values for this person (must be known)\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --context TEXT        e.g. pre-flight, post-flight day 6: what lumbo compare compares\n"
     "  --date D              when the tests were recorded (default: now; not in the future)\n"
     "  --json OUT            findings, proposed program and baseline comparison as JSON\n"
     "  --program-out FILE    the proposed program as a valid program file, for lumbo program assign\n"
     "  --baseline PROGRAM    compare with the baseline values of this program file\n"
     "  --exercises-dir DIR   the exercise library (default: the bundled one)\n"
     "  --force               replace an existing output (never the inputs or a session store)\n",
     lumbo::app::runAssess},
    {"compare", "compare --person ID --before PERIOD --after PERIOD [--db DB] [--json OUT] [--force]",
     "the change in each range-of-motion, quality, pain and ODI figure between two periods",
     "  --person ID           whose figures (must be known)\n"
     "  --before PERIOD       a context label (pre-flight) or dates FROM..TO (2026-01-01..2026-02-01, TO included)\n"
     "  --after PERIOD        the same\n"
     "  --db DB               the session store (default: the person's file in the data folder)\n"
     "  --json OUT            the comparison as JSON ('-' for stdout)\n"
     "  --force               replace an existing output (never the inputs or a session store)\n",
     lumbo::app::runCompare},
    {"view", "view TRACE [--exercise ID] [--reference TRACE] [--screenshot PNG] [--frames N] [--exercises-dir DIR] [--validate]",
     "replay a recording in a desktop window: avatar, mirror, ghost, panels",
     "  --exercise ID         the exercise (default: the trace's '# exercise:')\n"
     "  --reference TRACE     the ghost's reference movement\n"
     "  --screenshot PNG      save one frame and exit\n"
     "  --frames N            stop after N frames\n"
     "  --exercises-dir DIR   the exercise library (default: the bundled one)\n"
     "  --validate            turn the Vulkan validation layer on\n",
     lumbo::app::runView},
    {"clinic",
     "clinic [--data-dir DIR] [--db DB] [--date D] [--theme light|dark] [--screenshot PNG] [--script FILE] [--frames N] "
     "[--exercises-dir DIR] [--validate] [--monitor ADDR:PORT --key FILE [--server-key FILE] [--rate HZ]]",
     "the therapist's console in a window: patients, progress charts, program editor, outcomes, report and export, "
     "and a live session watched and guided",
     "  --data-dir DIR        the data folder: one store per person (default: $XDG_DATA_HOME/lumbo or ~/.local/share/lumbo)\n"
     "  --db DB               show the people of this one store instead\n"
     "  --date D              work as of this day: summaries, and the date of what is entered (default: now; not in the future)\n"
     "  --theme T             light (default) or dark\n"
     "  --screenshot PNG      save what the window shows at the end (after the script, or after a few frames) and exit\n"
     "  --script FILE         drive the console with UI actions, one a line: click LABEL, set LABEL VALUE, type TEXT,\n"
     "                        key NAME (enter, tab, escape, ctrl+a, ...), wait N, wait-for TEXT SECONDS, expect TEXT,\n"
     "                        expect-not TEXT, expect-enabled LABEL, expect-disabled LABEL, screenshot PNG, layout JSON;\n"
     "                        exits 1 naming the line when a control is not on screen, an expectation fails or a\n"
     "                        wait-for times out\n"
     "  --frames N            stop after N frames\n"
     "  --exercises-dir DIR   the exercise library (default: the bundled one)\n"
     "  --validate            turn the Vulkan validation layer on\n"
     "  --monitor ADDR:PORT   open the Live session tab connected to this session (lumbo run --monitor [ADDR:]PORT)\n"
     "  --key FILE            this console's viewer key (lumbo monitor keygen; default in the tab: the first ~/lumbo/*.key)\n"
     "  --server-key FILE     the session's server.pub (default: server.pub beside the key)\n"
     "  --rate HZ             poses per second asked of the session (default: every frame)\n"
     "  needs a display: xvfb-run -a lumbo clinic --screenshot clinic.png\n",
     lumbo::app::runClinic},
    {"monitor",
     "monitor ADDR:PORT --key FILE [--server-key FILE] [--rate HZ] [--record TRACE] [--screenshot PNG] [--frames N] "
     "[--script FILE] [--exercises-dir DIR] [--validate] [--force]; monitor keygen --out FILE [--name NAME] [--force]; "
     "monitor authorize VIEWER.pub [--person ID] [--db DB] [--dir DIR]; monitor revoke NAME [--person ID] [--db DB] [--dir DIR]",
     "watch and guide a live session from another machine (encrypted; paired viewers only)",
     "  ADDR:PORT             the session's address (lumbo run --monitor [ADDR:]PORT on the patient's machine)\n"
     "  --key FILE            this viewer's key pair (lumbo monitor keygen)\n"
     "  --server-key FILE     the session's public key, server.pub from the patient's profile (default: server.pub\n"
     "                        beside --key)\n"
     "  --rate HZ             poses at this rate (default: every frame of the headset)\n"
     "  --record TRACE        record the poses as a lumbo trace (lumbo view replays it), the events as\n"
     "                        TRACE.events.csv and the panel's words as TRACE.panel.csv\n"
     "  --screenshot PNG      save the last frame at exit\n"
     "  --frames N            stop after N frames\n"
     "  --script FILE         actions at given moments: one a line, 'WHEN ACTION': WHEN is connected, exercising,\n"
     "                        repetitions N, after SECONDS or ended; ACTION is pause, resume, end-exercise, level N,\n"
     "                        repetitions N, message TEXT or quit\n"
     "  --exercises-dir DIR   the exercise library, for phase names and ghosts (default: the bundled one)\n"
     "  --validate            turn the Vulkan validation layer on\n"
     "  --force               replace an existing recording\n"
     "  keygen                make a viewer key pair: --out FILE (secret, 0600) and FILE's .pub to hand to the patient\n"
     "  --out FILE            keygen: the secret key file to write\n"
     "  --name NAME           keygen: the name the session records with every action (default: FILE's name)\n"
     "  authorize VIEWER.pub  let this viewer watch the person's sessions; makes the session's key (server.pub,\n"
     "                        to hand to the viewer) on first use\n"
     "  revoke NAME           refuse this viewer from the next session on\n"
     "  --person ID           whose profile (default: me)\n"
     "  --db DB               the person's store: keys go in the ID-monitor folder beside it\n"
     "  --dir DIR             the monitoring folder itself (the demo's: DIR/monitor)\n",
     lumbo::app::runMonitor},
    {"accuracy",
     "accuracy TRACE... [--neutral A-B] [--devices LIST] [--position P] [--reference person|stage] [--gravity-free] [--estimates]",
     "RMSE of the posture metrics against the trace's ground-truth angles",
     "  --neutral A-B         the neutral hold in seconds\n"
     "  --devices LIST        use only these devices, e.g. head,pelvis,lhand,rhand\n"
     "  --position P          the neutral position: standing, supine or four_point_kneeling\n"
     "  --reference R         person (default) or stage: the axis trunk inclination and pelvic tilt are taken about\n"
     "  --gravity-free        microgravity: metrics relative to the neutral in the station frame\n"
     "  --estimates           include estimated (not measured) values\n",
     lumbo::app::runAccuracy},
};

void printUsage(std::FILE* out, const Command& c) {
  std::fprintf(out, "usage: lumbo %.*s\n%.*s\n\n%.*s", static_cast<int>(c.usage.size()), c.usage.data(),
               static_cast<int>(c.summary.size()), c.summary.data(), static_cast<int>(c.options.size()), c.options.data());
}

void printHelp(std::FILE* out) {
  std::fprintf(out, "lumbo: VR motor control training for low back pain\n\nusage: lumbo COMMAND [ARGS]\n\ncommands:\n");
  std::fprintf(out, "  help [COMMAND]\n      list the commands, or show one command's usage\n");
  for (const Command& c : kCommands) {
    std::fprintf(out, "  %.*s\n      %.*s\n", static_cast<int>(c.usage.size()), c.usage.data(),
                 static_cast<int>(c.summary.size()), c.summary.data());
  }
}

const Command* findCommand(std::string_view name) {
  for (const Command& c : kCommands) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  // Progress lines reach a pipe or a log file as they are printed, not when a buffer fills, so
  // nothing said before a crash or a kill is lost.
  if (!::isatty(::fileno(stdout))) std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    printHelp(stderr);
    return kExitUsage;
  }
  const std::string& name = args[0];
  if (name == "help" || name == "--help" || name == "-h") {
    if (args.size() > 1) {
      const Command* c = findCommand(args[1]);
      if (!c) {
        std::fprintf(stderr, "lumbo: unknown command '%s'; 'lumbo help' lists them\n", args[1].c_str());
        return kExitUsage;
      }
      printUsage(stdout, *c);
      return kExitOk;
    }
    printHelp(stdout);
    return kExitOk;
  }
  const Command* command = findCommand(name);
  if (!command) {
    std::fprintf(stderr, "lumbo: unknown command '%s'; 'lumbo help' lists them\n", name.c_str());
    return kExitUsage;
  }
  // `lumbo COMMAND --help` anywhere among its arguments: its usage, whatever else was given.
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--help" || args[i] == "-h") {
      printUsage(stdout, *command);
      return kExitOk;
    }
  }
  try {
    return command->run(std::span<const std::string>(args).subspan(1));
  } catch (const lumbo::app::UsageError& e) {
    std::fprintf(stderr, "lumbo %s: %s\nusage: lumbo %.*s\n", name.c_str(), e.what(),
                 static_cast<int>(command->usage.size()), command->usage.data());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "lumbo %s: %s\n", name.c_str(), e.what());
    return kExitFailure;
  }
}
