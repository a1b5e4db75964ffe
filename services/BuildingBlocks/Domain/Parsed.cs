namespace Platform.BuildingBlocks.Domain;

/// <summary>
/// A request parsed into its command: typed, validated, non-nullable values (dates as DateOnly, money as decimal,
/// codes as their enums, text cleaned to NFC), or the refusal with the errors per JSON field. Parsing needs no
/// state, so malformed input is refused before anything is loaded, and a decide function takes a command, never a
/// request record with nullable fields: the field names of the JSON belong to parsing (and its tests) alone.
/// </summary>
public readonly struct Parsed<TCommand> where TCommand : notnull
{
    private readonly TCommand? _command;

    private Parsed(TCommand? command, Rejection? rejection) => (_command, Rejection) = (command, rejection);

    /// <summary>Why the request is not a command (kind Invalid, with field errors), or null when it is one.</summary>
    public Rejection? Rejection { get; }

    public bool IsValid => Rejection is null;

    /// <summary>The command; only when <see cref="IsValid"/>.</summary>
    public TCommand Command => Rejection is null && _command is not null
        ? _command
        : throw new InvalidOperationException($"The request was refused ({Rejection?.Detail}); there is no {typeof(TCommand).Name}.");

    public static implicit operator Parsed<TCommand>(TCommand command) => new(command, null);

    public static implicit operator Parsed<TCommand>(Rejection rejection) => new(default, rejection);

    /// <summary>Every field error at once when any field failed; otherwise the command, built from the checked values.</summary>
    public static Parsed<TCommand> Unless(FieldErrors errors, Func<TCommand> command) => errors.Any ? errors.ToRejection() : command();
}
