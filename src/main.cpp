#include "cli/command_list.hpp"

int main(int argc, char** argv) { return reinforge::cli::run_main(argc, argv); }
