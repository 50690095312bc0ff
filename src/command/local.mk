# command
af_command_sources =
