namespace Forum.Gateway.QueryApi;

/// <summary>Query-string numbers read strictly: anything else is a 400 naming the parameter, never a 500.</summary>
internal static class QueryParameters
{
    public static int ParseInt(string? value, int fallback, string name, int min, int max, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number >= min && number <= max)
        {
            return number;
        }
        errors[name] = [$"{name} is a whole number from {min} to {max}."];
        return fallback;
    }
}
