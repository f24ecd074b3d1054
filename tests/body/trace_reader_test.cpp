// Reading lumbo-trace v1: metadata, layouts, invalid samples, every malformed-input error, and a
// real UI-PRMD recording.
#include <gtest/gtest.h>

#include <cmath>

#include "body/trace.h"
#include "body/trace_reader.h"
#include "tests/test_support.h"

namespace lumbo {
namespace {

using test::TempDir;

const std::string kHeadHeader =
    "t_s,head_px,head_py,head_pz,head_qw,head_qx,head_qy,head_qz";

std::string headRow(const std::string& t, const std::string& rest = "0,1.6,0,1,0,0,0") {
  return t + "," + rest + "\n";
}

TEST(TraceReader, ReadsMetadataLayoutAndSamples) {
  TempDir dir;
  const auto path = dir.write("t.csv",
                              "# lumbo-trace v1\n"
                              "# exercise: deep_squat\n"
                              "# neutral: 0.0-2.0\n"
                              "# repetitions: 10\n"
                              "# future_key: kept\n" +
                                  kHeadHeader + ",gt_lumbar_flexion_deg,comment\n" +
                                  "0.00,0.1,1.6,0.2,1,0,0,0,5.5,hello\n"
                                  "0.01,0.1,1.6,0.2,0.70710678,0.70710678,0,0,,x\n");
  const auto trace = readTrace(path);
  ASSERT_TRUE(trace.ok()) << trace.error();
  EXPECT_EQ(trace->metadata.get("exercise"), "deep_squat");
  EXPECT_EQ(trace->metadata.get("future_key"), "kept");
  ASSERT_TRUE(trace->metadata.neutralWindow());
  EXPECT_DOUBLE_EQ(trace->metadata.neutralWindow()->endS, 2.0);
  EXPECT_EQ(trace->metadata.repetitions(), 10);
  EXPECT_TRUE(trace->layout.devices.test(index(Device::Head)));
  EXPECT_EQ(trace->layout.devices.count(), 1u);
  ASSERT_EQ(trace->layout.groundTruth.size(), 1u);
  ASSERT_EQ(trace->layout.extra.size(), 1u);
  EXPECT_EQ(trace->layout.extra[0], "comment");
  ASSERT_EQ(trace->samples.size(), 2u);
  const auto& s0 = trace->samples[0];
  EXPECT_TRUE(s0.frame.valid(Device::Head));
  EXPECT_FALSE(s0.frame.valid(Device::Pelvis));
  EXPECT_DOUBLE_EQ(s0.frame[Device::Head].pose.positionM.y, 1.6);
  EXPECT_DOUBLE_EQ(s0.groundTruth[0], 5.5);
  EXPECT_EQ(s0.extra[0], "hello");
  EXPECT_TRUE(std::isnan(trace->samples[1].groundTruth[0]));
  // The slightly non-unit quaternion of the second row is normalised.
  const auto q = trace->samples[1].frame[Device::Head].pose.orientation;
  EXPECT_NEAR(glm::dot(q, q), 1.0, 1e-12);
}

TEST(TraceReader, EmptyCellsAndValidColumnMakeADeviceInvalid) {
  TempDir dir;
  const auto path = dir.write("t.csv", "# lumbo-trace v1\n" + kHeadHeader + ",head_valid\n" +
                                           "0.0,0,1.6,0,1,0,0,0,1\n"
                                           "0.1,,,,,,,,\n"
                                           "0.2,0,1.6,0,1,0,0,0,0\n"
                                           "0.3,0,1.6,,1,0,0,0,1\n"
                                           "0.4,0,1.6,0,1,0,0,0,\n");
  const auto trace = readTrace(path);
  ASSERT_TRUE(trace.ok()) << trace.error();
  ASSERT_EQ(trace->samples.size(), 5u);
  EXPECT_TRUE(trace->samples[0].frame.valid(Device::Head));
  EXPECT_FALSE(trace->samples[1].frame.valid(Device::Head));
  EXPECT_FALSE(trace->samples[2].frame.valid(Device::Head));  // flagged 0
  EXPECT_FALSE(trace->samples[3].frame.valid(Device::Head));  // one empty cell
  EXPECT_TRUE(trace->samples[4].frame.valid(Device::Head));   // empty flag: as the cells say
}

TEST(TraceReader, AcceptsCrlfAndNoFinalNewline) {
  TempDir dir;
  const auto path = dir.write("t.csv", "# lumbo-trace v1\r\n" + kHeadHeader + "\r\n" +
                                           "0.0,0,1.6,0,1,0,0,0\r\n0.1,0,1.7,0,1,0,0,0");
  const auto trace = readTrace(path);
  ASSERT_TRUE(trace.ok()) << trace.error();
  ASSERT_EQ(trace->samples.size(), 2u);
  EXPECT_DOUBLE_EQ(trace->samples[1].frame[Device::Head].pose.positionM.y, 1.7);
}

struct MalformedCase {
  const char* name;
  std::string text;
  std::string expected;  // every fragment must appear in the message
};

class TraceReaderRejects : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(TraceReaderRejects, WithFileLineAndColumn) {
  TempDir dir;
  const auto path = dir.write("bad.csv", GetParam().text);
  const auto trace = readTrace(path);
  ASSERT_FALSE(trace.ok());
  EXPECT_NE(trace.error().find(path.string()), std::string::npos) << trace.error();
  EXPECT_NE(trace.error().find(GetParam().expected), std::string::npos) << trace.error();
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, TraceReaderRejects,
    ::testing::Values(
        MalformedCase{"bad_number",
                      "# lumbo-trace v1\n" + kHeadHeader + "\n" + headRow("0.0") +
                          "0.1,0,1.6x,0,1,0,0,0\n",
                      ":4: column 3 'head_py': bad number '1.6x'"},
        MalformedCase{"non_increasing_time",
                      "# lumbo-trace v1\n" + kHeadHeader + "\n" + headRow("0.0") + headRow("0.1") +
                          headRow("0.1"),
                      ":5: column 1 't_s': time 0.1 s is not after"},
        MalformedCase{"non_unit_quaternion",
                      "# lumbo-trace v1\n" + kHeadHeader + "\n" + headRow("0.0", "0,1.6,0,1,0.5,0,0"),
                      ":3: column 5 'head_qw': quaternion of 'head' is not unit length"},
        MalformedCase{"too_few_columns",
                      "# lumbo-trace v1\n" + kHeadHeader + "\n" + headRow("0.0", "0,1.6,0,1,0,0"),
                      ":3: expected 8 columns, found 7"},
        MalformedCase{"too_many_columns",
                      "# lumbo-trace v1\n" + kHeadHeader + "\n" + headRow("0.0", "0,1.6,0,1,0,0,0,9"),
                      ":3: expected 8 columns, found 9"},
        MalformedCase{"unknown_version", "# lumbo-trace v2\n" + kHeadHeader + "\n",
                      ":1: unknown trace version 'lumbo-trace v2'"},
        MalformedCase{"not_a_trace", "time,x\n1,2\n", ":1: not a lumbo trace"},
        MalformedCase{"incomplete_device",
                      "# lumbo-trace v1\nt_s,pelvis_px,pelvis_py,pelvis_pz,pelvis_qw\n",
                      ":2: header: device 'pelvis' lacks column 'pelvis_qx'"},
        MalformedCase{"time_not_first", "# lumbo-trace v1\nhead_px,t_s\n",
                      ":2: header: the first column must be 't_s'"},
        MalformedCase{"missing_time",
                      "# lumbo-trace v1\n" + kHeadHeader + "\n" + headRow(""),
                      ":3: column 1 't_s': missing time"},
        MalformedCase{"bad_valid_flag",
                      "# lumbo-trace v1\n" + kHeadHeader + ",head_valid\n0.0,0,1.6,0,1,0,0,0,2\n",
                      "column 9 'head_valid': valid flag must be 0 or 1"}),
    [](const ::testing::TestParamInfo<MalformedCase>& p) { return std::string(p.param.name); });

TEST(TraceReader, MissingFileNamesIt) {
  const auto trace = readTrace("/nonexistent/folder/trace.csv");
  ASSERT_FALSE(trace.ok());
  EXPECT_NE(trace.error().find("/nonexistent/folder/trace.csv"), std::string::npos);
}

TEST(TraceReader, StreamsSamplesUntilTheFirstError) {
  TempDir dir;
  const auto path = dir.write("t.csv", "# lumbo-trace v1\n" + kHeadHeader + "\n" + headRow("0.0") +
                                           headRow("0.1") + "0.2,oops,1,0,1,0,0,0\n" + headRow("0.3"));
  auto reader = TraceReader::open(path);
  ASSERT_TRUE(reader.ok()) << reader.error();
  TraceSample s;
  int n = 0;
  while (reader->next(s)) ++n;
  EXPECT_EQ(n, 2);
  EXPECT_NE(reader->error().find(":5: column 2 'head_px'"), std::string::npos) << reader->error();
  EXPECT_FALSE(reader->next(s));  // stays failed
  // The whole-file reader gives the error and no partial trace.
  EXPECT_FALSE(readTrace(path).ok());
}

TEST(TraceReader, LongLinesSpanningReadBlocks) {
  // A line longer than the reader's block must still parse (the buffer grows).
  TempDir dir;
  std::string header = kHeadHeader;
  std::string row = "0.0,0,1.6,0,1,0,0,0";
  for (int i = 0; i < 40000; ++i) {
    header += ",note" + std::to_string(i);
    row += ",abcdefghijklmnopqrstuvwxyz";
  }
  const auto path = dir.write("wide.csv", "# lumbo-trace v1\n" + header + "\n" + row + "\n");
  const auto trace = readTrace(path);
  ASSERT_TRUE(trace.ok()) << trace.error();
  ASSERT_EQ(trace->samples.size(), 1u);
  EXPECT_EQ(trace->samples[0].extra.size(), 40000u);
}

TEST(TraceReader, RealUiPrmdRecording) {
  const auto trace = readTrace(test::testData("m01_s01_deep_squat_correct.csv"));
  ASSERT_TRUE(trace.ok()) << trace.error();
  EXPECT_EQ(trace->metadata.get("exercise"), "deep_squat");
  EXPECT_EQ(trace->metadata.repetitions(), 10);
  for (Device d : {Device::Head, Device::Pelvis, Device::Chest, Device::LHand, Device::RHand,
                   Device::LFoot, Device::RFoot}) {
    EXPECT_TRUE(trace->layout.devices.test(index(d))) << deviceName(d);
  }
  EXPECT_FALSE(trace->layout.devices.test(index(Device::Lumbar)));
  EXPECT_EQ(trace->layout.groundTruth.size(), 5u);
  EXPECT_GE(trace->layout.groundTruthIndex("gt_lumbar_flexion_deg"), 0);
  ASSERT_GT(trace->samples.size(), 1000u);
  // 100 Hz capture: consecutive samples 10 ms apart.
  EXPECT_NEAR(trace->samples[1].frame.timeS - trace->samples[0].frame.timeS, 0.01, 1e-9);
  // A standing person: the headset is between 1.3 and 2.0 m above the floor at the start.
  const double headY = trace->samples[0].frame[Device::Head].pose.positionM.y;
  EXPECT_GT(headY, 1.3);
  EXPECT_LT(headY, 2.0);
}

}  // namespace
}  // namespace lumbo
