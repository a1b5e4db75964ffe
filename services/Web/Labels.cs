namespace Platform.Web;

/// <summary>The console's text: Resources/Labels.resx is Vietnamese (the default), Labels.en.resx the English variant.
/// Keys are short English phrases; codes from the APIs are looked up as "code.&lt;code&gt;".</summary>
public sealed class Labels;
