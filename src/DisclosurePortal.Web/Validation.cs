using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DisclosurePortal.Web;

public static class Validation
{
    /// <summary>Puts FluentValidation's messages next to their fields, e.g. <c>Create.BodyId</c>.</summary>
    public static bool AddErrors(this ModelStateDictionary state, ValidationResult result, string prefix)
    {
        foreach (var e in result.Errors) state.AddModelError($"{prefix}.{e.PropertyName}", e.ErrorMessage);
        return result.IsValid;
    }

    /// <summary>Puts Identity's (Chinese) messages next to one field.</summary>
    public static bool AddErrors(this ModelStateDictionary state, IdentityResult result, string key)
    {
        foreach (var e in result.Errors) state.AddModelError(key, e.Description);
        return result.Succeeded;
    }
}
