#pragma once
// Labelled text sets for measuring topic discovery on data it was not tuned on (docs/topics.md,
// "Quality"). CLINC150 comes from shared/data; the others are read from Debian packages that
// scripts/setup-topic-eval-data.sh unpacks into .deps/topic-eval (nothing is fetched at run time).
#include <string>
#include <vector>

namespace reinforge::topics::testing {

struct LabelledSet {
  std::string name;     // "wordnet-domains"
  std::string source;   // where the texts and labels come from, for reports
  std::vector<std::string> texts;
  std::vector<int> label;              // per text, an index into label_names
  std::vector<std::string> label_names;
};

// Where scripts/setup-topic-eval-data.sh puts the unpacked packages.
std::string topic_eval_folder();

// CLINC150's test split against its 150 intents (4,500 requests; the set discovery was tuned on).
LabelledSet clinc150_intents();
// WordNet 3.0 glosses (wordnet-base) labelled by their synset's topic domain (";c" pointers:
// law, military, chemistry, ...), domains with at least 40 glosses; glosses with two domains left out.
LabelledSet wordnet_domains();
// FOLDOC entries (dict-foldoc): the first paragraph of each definition labelled by its subject
// tag (<networking>, <language>, ...); entries with one tag, tags with at least 40 entries, at
// most 150 entries per tag (every n-th in file order).
LabelledSet foldoc_subjects();
// GCIDE senses (dict-gcide, Webster 1913 and later) labelled by their field, "(Zool.)", "(Law)"
// and so on: fields with at least 100 senses, 120 per field (every n-th in file order).
LabelledSet gcide_fields();
// Fortune cookies (fortunes) from 17 subject files (computers, law, medicine, sports, ...), 20 to
// 400 bytes long, at most 100 per file (every n-th).
LabelledSet fortune_categories();

// Every set above, CLINC150 first.
std::vector<LabelledSet> all_labelled_sets();

}  // namespace reinforge::topics::testing
