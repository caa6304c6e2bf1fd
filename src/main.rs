fn main() {
    std::process::exit(tracuu::cli::main());
}
