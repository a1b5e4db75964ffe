namespace Platform.Geography;

/// <summary>Distances on the WGS84 ellipsoid (Vincenty's inverse formula, 1975): sub-millimetre on the
/// distances a cable route has. Near-antipodal points, where it may not converge, do not occur in a province.</summary>
public static class Geodesy
{
    private const double A = 6_378_137.0;               // WGS84 semi-major axis, metres
    private const double F = 1 / 298.257223563;          // flattening
    private const double B = A * (1 - F);

    /// <summary>Length of a line through the positions, in kilometres.</summary>
    public static double LengthKm(IReadOnlyList<Position> line)
    {
        var metres = 0.0;
        for (var i = 1; i < line.Count; i++) metres += DistanceMetres(line[i - 1], line[i]);
        return metres / 1000.0;
    }

    public static double DistanceMetres(Position from, Position to)
    {
        var l = ToRadians(to.Longitude - from.Longitude);
        var u1 = Math.Atan((1 - F) * Math.Tan(ToRadians(from.Latitude)));
        var u2 = Math.Atan((1 - F) * Math.Tan(ToRadians(to.Latitude)));
        var (sinU1, cosU1, sinU2, cosU2) = (Math.Sin(u1), Math.Cos(u1), Math.Sin(u2), Math.Cos(u2));
        double lambda = l, sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM;
        for (var iteration = 0; ; iteration++)
        {
            var (sinLambda, cosLambda) = (Math.Sin(lambda), Math.Cos(lambda));
            sinSigma = Math.Sqrt(Math.Pow(cosU2 * sinLambda, 2) + Math.Pow(cosU1 * sinU2 - sinU1 * cosU2 * cosLambda, 2));
            if (sinSigma == 0) return 0; // the same point
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha; // equatorial line
            var c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
            var previous = lambda;
            lambda = l + (1 - c) * F * sinAlpha * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - previous) < 1e-12) break;
            if (iteration > 200) throw new ArithmeticException("Vincenty's formula did not converge (near-antipodal points).");
        }
        var uSq = cos2Alpha * (A * A - B * B) / (B * B);
        var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
            - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return B * bigA * (sigma - deltaSigma);
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180.0;
}
