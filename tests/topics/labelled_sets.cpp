#include "labelled_sets.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <unordered_map>

#include "clinc150.hpp"

namespace reinforge::topics::testing {

namespace {

std::ifstream open_or_throw(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error(path + ": not found; run scripts/setup-topic-eval-data.sh (scripts/test.sh does)");
  return file;
}

std::string read_all(const std::string& path) {
  auto file = open_or_throw(path);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

// Whitespace runs become one space; leading and trailing space goes.
std::string squeezed(std::string_view text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Dictionary markup that is not text: cross-reference braces.
std::string without_braces(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '{' && c != '}') out += c;
  }
  return out;
}

// Collects (label, text) pairs, then keeps labels with at least `min_per_label` texts and at most
// `max_per_label` of each (every n-th in the order given, so the set is the same every run).
class SetBuilder {
 public:
  void add(const std::string& label, std::string text) { by_label_[label].push_back(std::move(text)); }

  LabelledSet build(std::string name, std::string source, std::size_t min_per_label, std::size_t max_per_label) {
    LabelledSet set{std::move(name), std::move(source), {}, {}, {}};
    for (auto& [label, texts] : by_label_) {
      if (texts.size() < min_per_label) continue;
      int index = static_cast<int>(set.label_names.size());
      set.label_names.push_back(label);
      std::size_t take = std::min(texts.size(), max_per_label);
      for (std::size_t i = 0; i < take; ++i) {
        set.texts.push_back(texts[i * texts.size() / take]);
        set.label.push_back(index);
      }
    }
    return set;
  }

 private:
  std::map<std::string, std::vector<std::string>> by_label_;
};

}  // namespace

std::string topic_eval_folder() {
  if (const char* folder = std::getenv("REINFORGE_TOPIC_EVAL_DIR")) return folder;
  return REINFORGE_SOURCE_DIR "/.deps/topic-eval";
}

LabelledSet clinc150_intents() {
  auto clinc = load_clinc150_test_split();
  LabelledSet set{"clinc150", "CLINC150 test split, 150 intents (shared/data/clinc150)", clinc.texts, clinc.intent, {}};
  int intents = *std::max_element(clinc.intent.begin(), clinc.intent.end()) + 1;
  for (int i = 0; i < intents; ++i) set.label_names.push_back("intent " + std::to_string(i));
  return set;
}

LabelledSet wordnet_domains() {
  const std::string folder = topic_eval_folder() + "/root/usr/share/wordnet/";
  struct Synset {
    std::string first_word;
    std::vector<std::string> domains;  // offsets of its topic-domain synsets
    std::string gloss;
  };
  std::vector<Synset> glossed;
  std::unordered_map<std::string, std::string> noun_name;  // offset -> first word
  for (const char* part : {"data.noun", "data.verb", "data.adj", "data.adv"}) {
    auto file = open_or_throw(folder + part);
    bool nouns = std::string(part) == "data.noun";
    std::string line;
    while (std::getline(file, line)) {
      if (line.starts_with("  ")) continue;  // the licence header
      auto bar = line.find(" | ");
      std::istringstream fields(line.substr(0, bar));
      std::string offset, lex_file, type, hex_words;
      fields >> offset >> lex_file >> type >> hex_words;
      Synset synset;
      int words = std::stoi(hex_words, nullptr, 16);
      for (int w = 0; w < words; ++w) {
        std::string word, lex_id;
        fields >> word >> lex_id;
        if (w == 0) synset.first_word = word;
      }
      int pointers = 0;
      fields >> pointers;
      for (int p = 0; p < pointers; ++p) {
        std::string symbol, target, pos, source_target;
        fields >> symbol >> target >> pos >> source_target;
        if (symbol == ";c" && pos == "n" &&
            std::find(synset.domains.begin(), synset.domains.end(), target) == synset.domains.end()) {
          synset.domains.push_back(target);
        }
      }
      if (nouns) noun_name[offset] = synset.first_word;
      if (synset.domains.size() == 1 && bar != std::string::npos) {
        synset.gloss = squeezed(line.substr(bar + 3));
        // Many glosses start with their domain, "(baseball) a measure of ...": the label itself.
        if (synset.gloss.starts_with('(')) {
          auto close = synset.gloss.find(") ");
          if (close != std::string::npos) synset.gloss.erase(0, close + 2);
        }
        glossed.push_back(std::move(synset));
      }
    }
  }
  SetBuilder builder;
  for (auto& synset : glossed) {
    std::string domain = noun_name.at(synset.domains[0]);
    std::replace(domain.begin(), domain.end(), '_', ' ');
    builder.add(domain, std::move(synset.gloss));
  }
  return builder.build("wordnet-domains", "WordNet 3.0 glosses by topic domain (Debian wordnet-base)", 40, 1000000);
}

LabelledSet foldoc_subjects() {
  auto file = open_or_throw(topic_eval_folder() + "/foldoc.txt");
  SetBuilder builder;
  std::string line, paragraph;
  bool in_first_paragraph = false, done_with_entry = true;
  auto finish = [&] {
    // "<networking> A protocol for ...": one tag, then the definition's first paragraph.
    if (paragraph.size() > 2 && paragraph[0] == '<') {
      auto close = paragraph.find('>');
      std::string tag = paragraph.substr(1, close - 1);
      std::string text = squeezed(without_braces(paragraph.substr(close + 1)));
      if (close != std::string::npos && tag.find(',') == std::string::npos && text.size() >= 20) {
        builder.add(tag, text.size() > 400 ? text.substr(0, text.rfind(' ', 400)) : text);
      }
    }
    paragraph.clear();
    in_first_paragraph = false;
    done_with_entry = true;
  };
  bool previous_blank = true;
  while (std::getline(file, line)) {
    bool blank = line.find_first_not_of(" \t") == std::string::npos;
    // A headword starts an entry: unindented after a blank line (a few definitions have
    // unindented continuation lines).
    bool headword = !blank && line[0] != ' ' && line[0] != '\t' && previous_blank;
    previous_blank = blank;
    if (headword) {
      finish();
      done_with_entry = false;
      continue;
    }
    if (done_with_entry) continue;
    if (blank) {
      if (in_first_paragraph) finish();
      continue;
    }
    in_first_paragraph = true;
    paragraph += line.substr(line.find_first_not_of(" \t"));
    paragraph += ' ';
  }
  finish();
  return builder.build("foldoc-subjects", "FOLDOC definitions by subject tag (Debian dict-foldoc)", 40, 150);
}

LabelledSet gcide_fields() {
  std::string dictionary = read_all(topic_eval_folder() + "/gcide.txt");
  static const std::vector<std::string> fields = {
      "Zool",  "Bot",  "Chem",   "Med", "Anat",   "Naut",  "Law",    "Min",  "Biol",  "Mus",   "Arch",
      "Mil",   "Physiol", "Math", "Physics", "Astron", "Geol", "Her", "Mining", "Elec", "Gram", "Eccl",
      "Mech",  "Paleon", "Surg", "Print", "Com", "Logic", "Rhet", "Theol", "Far", "Cookery"};
  SetBuilder builder;
  std::string_view all(dictionary);
  for (auto open = all.find('('); open != std::string_view::npos; open = all.find('(', open + 1)) {
    // "(Zool.)" or "(Law)": a field label, then the sense's text up to its source mark or a blank line.
    auto close = all.find(')', open);
    if (close == std::string_view::npos || close - open > 10) continue;
    auto field = all.substr(open + 1, close - open - 1);
    if (field.ends_with('.')) field.remove_suffix(1);
    if (std::find(fields.begin(), fields.end(), field) == fields.end()) continue;
    auto start = all.find_first_not_of(" ,", close + 1);
    if (start == std::string_view::npos) break;
    auto window = all.substr(start, 600);
    auto end = std::min({window.find("[1913 Webster]"), window.find("[PJC]"), window.find("\n\n"), window.find("\n   [")});
    if (end == std::string_view::npos) continue;
    std::string text = squeezed(without_braces(window.substr(0, end)));
    // A label that ends its entry ("... (Zool.)" with nothing after) or a bare cross-reference.
    if (text.size() < 20 || text.size() > 400 || text.starts_with("See ") || text.starts_with("Same as")) continue;
    builder.add(std::string(field), std::move(text));
  }
  return builder.build("gcide-fields", "GCIDE senses by field label (Debian dict-gcide)", 100, 120);
}

LabelledSet fortune_categories() {
  const std::string folder = topic_eval_folder() + "/root/usr/share/games/fortunes/";
  SetBuilder builder;
  for (const char* category : {"art", "computers", "drugs", "education", "food", "kids", "law", "linux", "love",
                               "medicine", "news", "pets", "politics", "science", "sports", "startrek", "work"}) {
    std::string content = read_all(folder + category);
    std::size_t start = 0;
    while (start < content.size()) {
      auto end = content.find("\n%\n", start);
      if (end == std::string::npos) end = content.size();
      std::string text = squeezed(std::string_view(content).substr(start, end - start));
      if (text.size() >= 20 && text.size() <= 400) builder.add(category, std::move(text));
      start = end + 3;
    }
  }
  return builder.build("fortune-categories", "fortune cookies by subject file (Debian fortunes)", 20, 100);
}

std::vector<LabelledSet> all_labelled_sets() {
  std::vector<LabelledSet> sets;
  sets.push_back(clinc150_intents());
  sets.push_back(wordnet_domains());
  sets.push_back(foldoc_subjects());
  sets.push_back(gcide_fields());
  sets.push_back(fortune_categories());
  return sets;
}

}  // namespace reinforge::topics::testing
