#include "topics/topic_templates.hpp"

namespace reinforge::topics {

namespace {

// Kept as C++ data (not JSON files) so the binary carries them with no lookup at run time.
struct Row {
  const char* name;
  const char* description;
  std::vector<std::string> keywords;
};

TopicTemplate make(const char* id, const char* name, const char* description, const std::vector<Row>& rows) {
  TopicTemplate result{id, name, description, {}};
  int n = 0;
  for (const auto& row : rows) {
    result.topics.topics.push_back({"t" + std::to_string(++n), row.name, row.description, row.keywords, {}, {}, {}});
  }
  return result;
}

std::vector<TopicTemplate> build() {
  return {
      make("customer_support", "Customer support", "A support assistant answering a product's customers.",
           {{"Account access", "Logging in, passwords, two-factor codes, locked or deleted accounts.",
             {"login", "password", "reset", "locked", "account", "2fa", "sign in"}},
            {"Billing and payments", "Charges, invoices, refunds, payment methods and subscriptions.",
             {"charge", "invoice", "refund", "payment", "subscription", "billing", "card"}},
            {"Technical problems", "Errors, crashes, things not working as expected.",
             {"error", "bug", "crash", "not working", "broken", "issue", "fix"}},
            {"How-to questions", "How to use a feature or change a setting.",
             {"how do i", "how to", "setting", "feature", "configure", "enable"}},
            {"Complaints and feedback", "Dissatisfaction, escalation requests and suggestions.",
             {"complaint", "unhappy", "manager", "feedback", "terrible", "suggestion"}},
            {"Cancellation", "Cancelling a plan, closing an account, retention.",
             {"cancel", "close account", "unsubscribe", "stop", "terminate"}}}),
      make("coding_assistant", "Coding assistant", "An assistant that writes, explains and fixes code.",
           {{"Write code", "Implement a function, script or feature from a description.",
             {"write", "implement", "function", "script", "create", "generate"}},
            {"Debugging", "Find and fix the cause of an error, exception or wrong output.",
             {"error", "exception", "bug", "fails", "traceback", "fix", "crash"}},
            {"Explain code", "Explain what code does or why it behaves a certain way.",
             {"explain", "what does", "understand", "why", "meaning"}},
            {"Refactoring and review", "Improve structure, readability or performance of existing code.",
             {"refactor", "review", "clean", "optimize", "improve", "performance"}},
            {"Tests", "Write or fix unit and integration tests.", {"test", "unit test", "mock", "assert", "coverage"}},
            {"Tooling and setup", "Build systems, dependencies, environments, git and deployment.",
             {"install", "build", "dependency", "docker", "git", "deploy", "config"}}}),
      make("tutoring", "Tutoring", "A tutor helping a learner understand a subject.",
           {{"Mathematics", "Arithmetic, algebra, geometry, calculus and statistics problems.",
             {"solve", "equation", "math", "algebra", "calculus", "fraction", "probability"}},
            {"Science", "Physics, chemistry, biology and earth science.",
             {"physics", "chemistry", "biology", "energy", "cell", "atom", "force"}},
            {"Languages and writing", "Grammar, vocabulary, essays and translation.",
             {"grammar", "essay", "write", "word", "sentence", "translate", "spelling"}},
            {"History and social studies", "Events, people, places and societies.",
             {"history", "war", "country", "government", "century", "economy"}},
            {"Study skills", "Planning study time, exam preparation and motivation.",
             {"study", "exam", "homework", "learn", "memorize", "focus"}}}),
      make("ecommerce", "E-commerce", "A shopping assistant for an online store.",
           {{"Product questions", "Features, sizes, compatibility and availability of products.",
             {"size", "color", "compatible", "in stock", "product", "material", "specs"}},
            {"Orders and shipping", "Order status, delivery times, tracking and addresses.",
             {"order", "shipping", "delivery", "track", "package", "arrive", "address"}},
            {"Returns and refunds", "Returning items, exchanges and refunds.",
             {"return", "refund", "exchange", "damaged", "wrong item"}},
            {"Payments and discounts", "Payment methods, coupons, promotions and prices.",
             {"coupon", "discount", "price", "payment", "promo", "sale", "card"}},
            {"Recommendations", "Suggestions of products for a need, budget or gift.",
             {"recommend", "suggest", "best", "gift", "which one", "compare"}}}),
      make("data_sql_assistant", "Data/SQL assistant", "An assistant that queries and analyses data.",
           {{"Write a query", "Turn a question about the data into SQL.",
             {"query", "select", "sql", "join", "group by", "filter", "count"}},
            {"Fix a query", "Errors, wrong results or slow queries.",
             {"error", "syntax", "wrong", "slow", "fix", "index", "optimize"}},
            {"Schema and modelling", "Tables, columns, keys, relations and migrations.",
             {"table", "schema", "column", "primary key", "foreign key", "migration"}},
            {"Analysis and metrics", "Aggregates, trends, cohorts and business metrics.",
             {"average", "trend", "revenue", "growth", "metric", "cohort", "rate"}},
            {"Charts and reports", "Visualising results and building dashboards.",
             {"chart", "plot", "dashboard", "report", "visualize", "graph"}}}),
      make("agent_tool_use", "Agent tool use", "An agent that calls tools to act for the user.",
           {{"Search and retrieval", "Look up information on the web or in documents.",
             {"search", "find", "look up", "latest", "news", "document"}},
            {"Scheduling and calendar", "Meetings, reminders and calendar events.",
             {"schedule", "meeting", "calendar", "remind", "appointment", "tomorrow"}},
            {"Messaging and email", "Write, send or summarise messages and emails.",
             {"email", "send", "message", "reply", "draft", "inbox"}},
            {"Files and data", "Read, create, convert or summarise files and spreadsheets.",
             {"file", "spreadsheet", "pdf", "csv", "upload", "summarize"}},
            {"Transactions and bookings", "Buy, book, order or pay for something.",
             {"book", "buy", "order", "reserve", "ticket", "pay"}},
            {"Code execution", "Run code or calculations to answer a question.",
             {"run", "calculate", "execute", "python", "compute"}}}),
  };
}

}  // namespace

const std::vector<TopicTemplate>& topic_templates() {
  static const std::vector<TopicTemplate> templates = build();
  return templates;
}

const TopicTemplate* find_topic_template(const std::string& id) {
  for (const auto& entry : topic_templates()) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

}  // namespace reinforge::topics
