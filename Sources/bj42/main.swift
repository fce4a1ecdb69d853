import SiteCLI
import Foundation

exit(CLI(arguments: Array(CommandLine.arguments.dropFirst())).run())
