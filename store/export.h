// Exports of a person's data for other systems: a flat CSV, a full JSON document, and a FHIR R4
// Bundle of Observations a clinic's record system can take.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "body/result.h"
#include "store/session_store.h"

namespace lumbo::store {

enum class ExportFormat { Csv, Json, Fhir };
std::optional<ExportFormat> exportFormatFromName(std::string_view name);

// Observation codes of our own, for measures without a standard code. A deployment that runs a
// terminology server replaces this with its own canonical URL.
inline constexpr std::string_view kLumboCodeSystem = "https://lumbo.example.org/fhir/CodeSystem/lumbo-measures";
inline constexpr std::string_view kLoincSystem = "http://loinc.org";
// The namespace of our person ids (an identifier system, not a code system).
inline constexpr std::string_view kLumboPersonIdSystem = "https://lumbo.example.org/fhir/sid/person-id";
// The ODI as a Questionnaire (its QuestionnaireResponses point here); a deployment with the
// licensed instrument's canonical URL substitutes it.
inline constexpr std::string_view kOdiQuestionnaire = "https://lumbo.example.org/fhir/Questionnaire/oswestry-disability-index-2.1a";
inline constexpr std::string_view kLoincPainNrs = "72514-3";  // Pain severity - 0-10 verbal numeric rating [Score] - Reported
inline constexpr std::string_view kLoincOdiScore = "97909-6";  // Oswestry disability index score ODI

struct ExportOptions {
  std::string personId;
  ExportFormat format = ExportFormat::Json;
  std::filesystem::path out;
  // Drops the display name, replaces the person id by a stable pseudonym ("deidentified-" and
  // ten hex digits, kept in the store), shifts every date by the person's own random whole
  // number of weeks, and leaves out free text (context labels, level-change and plan reasons).
  bool deidentify = false;
  double generatedUnixS = 0.0;  // 0: now
};

// Builds the export in memory and writes it 0600, atomically.
Status exportPerson(SessionStore& store, const ExportOptions& options);
// The export's text, for callers that send it elsewhere.
Result<std::string> renderExport(SessionStore& store, const ExportOptions& options);

}  // namespace lumbo::store
