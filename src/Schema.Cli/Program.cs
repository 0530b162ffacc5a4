using Schema.Cli;

return await SchemaCli.RunAsync(args, Console.Out, Console.Error);
