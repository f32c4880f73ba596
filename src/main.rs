use std::process::ExitCode;

fn main() -> ExitCode {
    pactc::cli::main()
}
