import BJ42CLI
import Foundation

exit(CLI(arguments: Array(CommandLine.arguments.dropFirst())).run())
